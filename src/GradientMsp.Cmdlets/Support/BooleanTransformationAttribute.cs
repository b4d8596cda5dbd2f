using System;
using System.Globalization;
using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Lets a [bool?] parameter take what a CSV column holds ("true", "False", "yes", "1", "") as
    /// well as real booleans. PowerShell's own binder refuses strings for booleans, which would
    /// break 'Import-Csv accounts.csv | New-GradientAccount'. An empty value means "not given".
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class BooleanTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case bool flag:
                    return flag;
                case SwitchParameter switchValue:
                    return switchValue.IsPresent;
                case string text:
                    return FromText(text);
                case IConvertible convertible when IsNumber(value):
                    return convertible.ToDecimal(CultureInfo.InvariantCulture) != 0m;
                default:
                    return value;
            }
        }

        private static object? FromText(string text)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "":
                    return null;
                case "true":
                case "yes":
                case "y":
                case "1":
                case "$true":
                    return true;
                case "false":
                case "no":
                case "n":
                case "0":
                case "$false":
                    return false;
                default:
                    throw new ArgumentTransformationMetadataException($"'{text}' is not a boolean; use true or false (yes/no and 1/0 are accepted too).");
            }
        }

        private static bool IsNumber(object value) => value is byte || value is sbyte || value is short || value is ushort
            || value is int || value is uint || value is long || value is ulong || value is decimal || value is double || value is float;
    }
}
