using System;

namespace GradientMsp.Client
{
    /// <summary>
    /// An id that cannot be put in a URL path: "." and ".." (and any id made only of dots) are dot
    /// segments, which System.Uri and every server resolve away even when escaped, so the request
    /// would reach another route. Nothing was sent; the item can never be sent as it is.
    /// </summary>
    public sealed class GradientInvalidIdException : ArgumentException
    {
        public GradientInvalidIdException(string message, string parameterName, string value)
            : base(message, parameterName)
        {
            Value = value;
        }

        /// <summary>The id as given.</summary>
        public string Value { get; }

        /// <summary>True for an id made only of dots (".", "..", "..."), which no URL path can carry.</summary>
        public static bool IsDotsOnly(string? value) => !string.IsNullOrEmpty(value) && value!.Trim('.').Length == 0;
    }
}
