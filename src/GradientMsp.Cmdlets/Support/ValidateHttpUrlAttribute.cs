using System;
using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Accepts only an absolute http or https URL (or an empty value, which a cmdlet treats as "not
    /// given" or "clear"). Synthesize opens these in a browser, so a relative or file: URL would
    /// only show up later as a broken button.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateHttpUrlAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object? value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            string? text = value?.ToString();
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ValidationMetadataException($"'{text}' is not an absolute http or https URL (for example https://example.com/gradient).");
            }
        }
    }
}
