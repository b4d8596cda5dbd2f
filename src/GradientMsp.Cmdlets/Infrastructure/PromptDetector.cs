using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Decides whether a command was typed by a person at an interactive prompt. Only then may a
    /// missing key fall back to a local emulator: RMM agents run scripts with -Command,
    /// -EncodedCommand or -File, usually with -NonInteractive, and a job or a service account has no
    /// person behind it, so there a missing key is a misconfiguration to report.
    /// </summary>
    internal static class PromptDetector
    {
        // Hosts a person types into; jobs ("ServerRemoteHost"), runspaces ("Default Host") and
        // remoting are not among them.
        private static readonly HashSet<string> s_interactiveHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ConsoleHost", "Visual Studio Code Host",
        };

        public static bool IsPersonAtPrompt(InvocationInfo invocation, string hostName)
        {
            if (!string.IsNullOrEmpty(invocation.ScriptName) || !s_interactiveHosts.Contains(hostName))
            {
                return false;
            }

            if (!Environment.UserInteractive || Console.IsInputRedirected)
            {
                return false;
            }

            return !LaunchedUnattended(Environment.GetCommandLineArgs());
        }

        /// <summary>
        /// Whether the process's own command line says no person will type: -NonInteractive, or a
        /// command or file to run without -NoExit. PowerShell accepts any unambiguous prefix of its
        /// parameter names (-noni, -c, -ec, -f), with '-' or '/'.
        /// </summary>
        internal static bool LaunchedUnattended(IReadOnlyList<string> commandLine)
        {
            bool runsSomething = false;
            bool noExit = false;
            // commandLine[0] is the program (pwsh, or pwsh.dll under 'dotnet pwsh').
            for (int i = 1; i < commandLine.Count; i++)
            {
                string arg = commandLine[i];
                if (arg.Length < 2 || (arg[0] != '-' && arg[0] != '/'))
                {
                    continue;
                }

                string name = arg.Substring(1).TrimStart('-').ToLowerInvariant();
                if (IsPrefixOf(name, "noninteractive", 4))
                {
                    return true;
                }

                if (IsPrefixOf(name, "noexit", 3))
                {
                    noExit = true;
                }
                else if (name == "c" || IsPrefixOf(name, "command", 3) || name == "e" || name == "ec"
                    || IsPrefixOf(name, "encodedcommand", 3) || name == "f" || IsPrefixOf(name, "file", 2))
                {
                    runsSomething = true;
                    // What follows is the command, the script or its arguments, not pwsh's own options.
                    break;
                }
            }

            return runsSomething && !noExit;
        }

        private static bool IsPrefixOf(string name, string parameter, int minimumLength) =>
            name.Length >= minimumLength && parameter.StartsWith(name, StringComparison.Ordinal);
    }
}
