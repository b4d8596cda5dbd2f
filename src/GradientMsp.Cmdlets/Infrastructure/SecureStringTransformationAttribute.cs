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
                // A SecureString holds at most 65,536 characters ("Capacity exceeds maximum capacity"
                // otherwise); no Gradient key comes near that, so say what is wrong instead.
                if (text.Length > Client.GradientCredential.MaxKeyLength)
                {
                    throw new ArgumentTransformationMetadataException(
                        "The key is " + text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        + " characters long; a Gradient key is a few dozen (at most "
                        + Client.GradientCredential.MaxKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " accepted).");
                }

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
