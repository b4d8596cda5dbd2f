using System;
using System.Globalization;
using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>An alert's priority, which Gradient maps onto the PSA ticket: 1 low … 4 very high.</summary>
    public enum GradientAlertPriority
    {
        /// <summary>1: low.</summary>
        Low = 1,

        /// <summary>2: medium.</summary>
        Medium = 2,

        /// <summary>3: high.</summary>
        High = 3,

        /// <summary>4: very high (very_high in Gradient's docs).</summary>
        VeryHigh = 4,
    }

    /// <summary>
    /// Takes a priority as Gradient's number (1..4, also as text) or as a name in any case, including
    /// the docs' spelling very_high; anything else is refused before a request is made.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class AlertPriorityTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                case GradientAlertPriority _:
                    return value;
                case string text:
                    return Parse(text);
                case int _:
                case long _:
                case short _:
                case byte _:
                case decimal _:
                case double _:
                    return FromNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture), value.ToString()!);
                default:
                    return value;
            }
        }

        private static GradientAlertPriority Parse(string text)
        {
            string trimmed = text.Trim();
            if (double.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out double number))
            {
                return FromNumber(number, text);
            }

            string name = trimmed.Replace("_", string.Empty).Replace("-", string.Empty).Replace(" ", string.Empty);
            foreach (GradientAlertPriority priority in (GradientAlertPriority[])Enum.GetValues(typeof(GradientAlertPriority)))
            {
                if (string.Equals(priority.ToString(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return priority;
                }
            }

            throw Invalid(text);
        }

        private static GradientAlertPriority FromNumber(double number, string text)
        {
            if (number >= 1 && number <= 4 && Math.Floor(number) == number)
            {
                return (GradientAlertPriority)(int)number;
            }

            throw Invalid(text);
        }

        private static ArgumentTransformationMetadataException Invalid(string text)
            => new ArgumentTransformationMetadataException($"'{text}' is not an alert priority; use 1-4 or Low, Medium, High, VeryHigh.");
    }
}
