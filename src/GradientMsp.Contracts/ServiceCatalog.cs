using System;
using System.Collections.Generic;

namespace GradientMsp.Contracts
{
    /// <summary>
    /// The category and subcategory values Gradient accepts for vendor services (docs/gradient-api.md
    /// §2.3, §3). Case sensitive and sent verbatim, including Gradient's spelling "priviledged". The
    /// client offers them for completion and checks input against them; the emulator refuses anything else.
    /// Read-only views, so no caller can change the contract for the others.
    /// </summary>
    public static class ServiceCatalog
    {
        public static IReadOnlyList<string> Categories { get; } = Array.AsReadOnly(new[]
        {
            "security", "backup", "productivity", "infrastructure", "service delivery", "consulting", "other",
        });

        public static IReadOnlyList<string> Subcategories { get; } = Array.AsReadOnly(new[]
        {
            "endpoint detection and response (EDR)",
            "email security",
            "virtual private network services (VPN)",
            "DNS filtering",
            "dark web monitoring",
            "password management",
            "single sign on (SSO)",
            "priviledged access and identity management (PAM/PIM)",
            "security information and event management (SIEM)",
            "mobile device management (MDM)",
            "application security",
            "mobile application management (MAM)",
            "multi factor authentication (MFA)",
            "cloud backup",
            "local backup",
            "desktop backup",
            "data archiving",
            "physical offsite storage",
            "business continuity",
            "hosted email",
            "video conferencing",
            "voice over IP services (VOIP)",
            "line of business application support",
            "unified communications as a service (UCaaS)",
            "customer relationship management",
            "cloud storage",
            "website hosting",
            "hardware as a service (HaaS)",
            "managed print services",
            "virtual desktop infrastructure (VDI)",
            "virtual server hosting",
            "infrastructure as a service (IaaS)",
            "end user support",
            "server management and support",
            "network management and support",
            "printer management and support",
            "desktop management and support",
            "hosted security operations centre (SOC)",
            "software development",
            "penetration testing",
            "project services",
            "governance and compliance",
            "business intelligence services / analytics",
            "phishing simulation",
            "privacy and security awareness training",
            "other",
        });
    }
}
