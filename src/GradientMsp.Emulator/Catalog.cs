using System;
using System.Collections.Generic;

namespace GradientMsp.Emulator
{
    /// <summary>The case-sensitive enums of the reference (§2.3 (3), §3).</summary>
    internal static class Catalog
    {
        public static readonly string[] Categories =
        {
            "security", "backup", "productivity", "infrastructure", "service delivery", "consulting", "other",
        };

        public static readonly string[] Subcategories =
        {
            "endpoint detection and response (EDR)", "email security", "virtual private network services (VPN)",
            "DNS filtering", "dark web monitoring", "password management", "single sign on (SSO)",
            "priviledged access and identity management (PAM/PIM)",
            "security information and event management (SIEM)", "mobile device management (MDM)",
            "application security", "mobile application management (MAM)", "multi factor authentication (MFA)",
            "cloud backup", "local backup", "desktop backup", "data archiving", "physical offsite storage",
            "business continuity", "hosted email", "video conferencing", "voice over IP services (VOIP)",
            "line of business application support", "unified communications as a service (UCaaS)",
            "customer relationship management", "cloud storage", "website hosting", "hardware as a service (HaaS)",
            "managed print services", "virtual desktop infrastructure (VDI)", "virtual server hosting",
            "infrastructure as a service (IaaS)", "end user support", "server management and support",
            "network management and support", "printer management and support", "desktop management and support",
            "hosted security operations centre (SOC)", "software development", "penetration testing",
            "project services", "governance and compliance", "business intelligence services / analytics",
            "phishing simulation", "privacy and security awareness training", "other",
        };

        /// <summary>The union of every documented status value (current: inactive/active/pending; older: disabled/error).</summary>
        public static readonly string[] Statuses = { "active", "inactive", "pending", "disabled", "error" };

        /// <summary>Values only older docs and SDK master list.</summary>
        public static readonly string[] LegacyStatuses = { "disabled", "error" };

        public static readonly HashSet<string> CategorySet = new HashSet<string>(Categories, StringComparer.Ordinal);
        public static readonly HashSet<string> SubcategorySet = new HashSet<string>(Subcategories, StringComparer.Ordinal);
        public static readonly HashSet<string> StatusSet = new HashSet<string>(Statuses, StringComparer.Ordinal);

        public static string PriorityName(int p) => p switch
        {
            1 => "low",
            2 => "medium",
            3 => "high",
            4 => "very_high",
            _ => "unknown",
        };
    }
}
