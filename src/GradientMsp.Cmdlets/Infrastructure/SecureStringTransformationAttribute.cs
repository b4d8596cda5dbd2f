using System;
using System.Management.Automation;
using System.Net;
using System.Security;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Lets a key parameter take a SecureString (the safe way) or a plain string (what an RMM
    /// variable usually holds), so scripts need no ConvertTo-SecureString dance.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text)
            {
                var secure = new SecureString();
                foreach (char c in text)
                {
                    secure.AppendChar(c);
                }

                secure.MakeReadOnly();
                return secure;
            }

            return value;
        }
    }

    internal static class SecureStrings
    {
        public static string ToPlainText(SecureString value) => new NetworkCredential(string.Empty, value).Password;
    }
}
