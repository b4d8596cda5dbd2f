using System;
using System.IO;
using System.Reflection;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Windows PowerShell 5.1's dependency resolution (docs/assembly-loading.md): .NET Framework has no
    /// load contexts and modules get no binding redirects, so lib\ is served through
    /// AppDomain.AssemblyResolve. The event fires for every failed load in the process, so serving by
    /// simple name alone would hand GradientMsp's Newtonsoft.Json or Microsoft.Extensions.* to Graph,
    /// ExchangeOnline or Az when their own copy fails to bind. Hence the rule: a request is served from
    /// lib\ only when it comes from an assembly in lib\ (GradientMsp's own, or one of its dependencies),
    /// or when it asks for exactly the version lib\ holds (what a binding redirect would give anyway).
    /// </summary>
    internal sealed class DesktopAssemblyResolver
    {
        private readonly string _libDirectory;

        public DesktopAssemblyResolver(string libDirectory)
        {
            _libDirectory = Path.GetFullPath(libDirectory);
        }

        public Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            string? path = Choose(new AssemblyName(args.Name), args.RequestingAssembly?.Location, ReadShippedName);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>The lib\ file to serve for <paramref name="requested"/>, or null to let others answer.</summary>
        internal string? Choose(AssemblyName requested, string? requesterLocation, Func<string, AssemblyName?> readShippedName)
        {
            string simpleName = requested.Name ?? string.Empty;
            if (simpleName.Length == 0 || simpleName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return null;
            }

            string candidate = Path.Combine(_libDirectory, simpleName + ".dll");
            if (!File.Exists(candidate))
            {
                return null;
            }

            if (IsInLib(requesterLocation))
            {
                return candidate;
            }

            AssemblyName? shipped = readShippedName(candidate);
            return shipped != null && requested.Version != null && requested.Version.Equals(shipped.Version)
                && SameToken(requested.GetPublicKeyToken(), shipped.GetPublicKeyToken())
                ? candidate
                : null;
        }

        private bool IsInLib(string? location)
        {
            if (string.IsNullOrEmpty(location))
            {
                return false;
            }

            string? directory = Path.GetDirectoryName(Path.GetFullPath(location));
            return string.Equals(directory, _libDirectory, StringComparison.OrdinalIgnoreCase);
        }

        private static bool SameToken(byte[]? a, byte[]? b)
        {
            a ??= Array.Empty<byte>();
            b ??= Array.Empty<byte>();
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static AssemblyName? ReadShippedName(string path)
        {
            try
            {
                return AssemblyName.GetAssemblyName(path);
            }
            catch (Exception ex) when (ex is BadImageFormatException || ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
