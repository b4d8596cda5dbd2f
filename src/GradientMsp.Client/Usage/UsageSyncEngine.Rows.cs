using System;
using System.Globalization;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Usage
{
    // UsageSyncEngine, the row half: checking a caller's row into a push (or into an Invalid result
    // with the reason), and building the result that carries the row's values back.
    public sealed partial class UsageSyncEngine
    {
        private sealed class Pending
        {
            public Pending(UsageRow row, string accountId, string serviceId, decimal unitCount)
            {
                Row = row; AccountId = accountId; ServiceId = serviceId; UnitCount = unitCount;
            }

            public UsageRow Row { get; }
            public string AccountId { get; }
            public string ServiceId { get; }
            public decimal UnitCount { get; }

            // Ordering of one account x service pair (UsageSyncEngine.Order.cs); touched under _lock.
            public ulong Pair { get; set; }
            /// <summary>The row number of the earlier row of the same pair, or 0.</summary>
            public long Supersedes { get; set; }
            /// <summary>The row number of a later row of the same pair received before this one was reported, or 0.</summary>
            public long SupersededBy { get; set; }
            public bool Reported { get; set; }
            /// <summary>Completed when this row's push has been reported; made only when a later row of the pair waits on it.</summary>
            public TaskCompletionSource<bool>? Done { get; set; }
            /// <summary>The push of the earlier row of the pair that this one must wait for.</summary>
            public Task? After { get; set; }
            /// <summary>With a ledger: what it says last landed for the pair (null: nothing).</summary>
            public Ledger.UsageLedgerEntry? Ledger { get; set; }
            /// <summary>Put before the result's reason: why a row not from the input was sent (a Missing pair pushed as 0).</summary>
            public string? Note { get; set; }
        }

        private readonly struct Checked
        {
            public Checked(Pending? item, UsageResult? result) { Item = item; Result = result; }
            public Pending? Item { get; }
            public UsageResult? Result { get; }
        }

        private async Task<Checked> CheckAsync(UsageRow row, CancellationToken cancellationToken)
        {
            if (row.Problem != null)
                return Invalid(row, row.Problem, null);

            var accountId = row.AccountId?.Trim();
            bool countOk = TryParseUnitCount(row.UnitCount, out var count, out var countProblem);

            if (string.IsNullOrEmpty(accountId))
                return Invalid(row, "AccountId is missing.", countOk ? count : (decimal?)null);
            if (!countOk)
                return Invalid(row, countProblem!, null);

            var serviceId = row.ServiceId?.Trim();
            if (string.IsNullOrEmpty(serviceId))
            {
                var name = row.ServiceName?.Trim();
                if (string.IsNullOrEmpty(name))
                    return Invalid(row, "Neither ServiceId nor ServiceName is given.", count);

                var resolved = await _names.ResolveAsync(name!, cancellationToken).ConfigureAwait(false);
                if (resolved.Id == null)
                {
                    var bad = Result(row, resolved.Outcome, resolved.Problem);
                    bad.AccountId = accountId;
                    bad.UnitCount = count;
                    return new Checked(null, bad);
                }
                serviceId = resolved.Id;
            }

            // ".." can never be pushed (a dot segment in the count route's path): Invalid, not a Failed to pipe back.
            if (GradientInvalidIdException.IsDotsOnly(serviceId))
                return Invalid(row, "ServiceId '" + serviceId + "' cannot be sent in a URL path (it is only dots).", count);

            return new Checked(new Pending(row, accountId!, serviceId!, count), null);
        }

        private Checked Invalid(UsageRow row, string reason, decimal? count)
        {
            var result = Result(row, UsageOutcome.Invalid, reason);
            result.UnitCount = count;
            return new Checked(null, result);
        }

        /// <summary>
        /// Reads a unit count given as any CLR number or as invariant-culture text. Zero is valid;
        /// missing, blank, non-numeric, negative, NaN and infinite counts are not.
        /// </summary>
        internal static bool TryParseUnitCount(object? value, out decimal count, out string? problem)
        {
            count = 0;
            problem = null;
            switch (value)
            {
                case null:
                case DBNull _:
                    problem = "UnitCount is missing.";
                    return false;
                case bool _:
                case char _:
                    problem = "UnitCount of type " + value.GetType().Name + " is not a number.";
                    return false;
                case decimal d: count = d; break;
                case int i: count = i; break;
                case long l: count = l; break;
                case short s: count = s; break;
                case sbyte sb: count = sb; break;
                case byte b: count = b; break;
                case ushort us: count = us; break;
                case uint ui: count = ui; break;
                case ulong ul: count = ul; break;
                case double dbl:
                    if (!FromDouble(dbl, out count, out problem)) return false;
                    break;
                case float f:
                    if (!FromDouble(f, out count, out problem)) return false;
                    break;
                case BigInteger big:
                    if (big > new BigInteger(decimal.MaxValue) || big < new BigInteger(decimal.MinValue))
                    {
                        problem = "UnitCount " + big.ToString(CultureInfo.InvariantCulture) + " is out of range.";
                        return false;
                    }
                    count = (decimal)big;
                    break;
                default:
                    // Text, or a wrapper (e.g. a PSObject) whose text is the number.
                    var text = (value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").Trim();
                    if (text.Length == 0)
                    {
                        problem = "UnitCount is missing.";
                        return false;
                    }
                    if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out count)) break;
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var asDouble))
                    {
                        if (!FromDouble(asDouble, out count, out problem)) return false;
                        break;
                    }
                    problem = "UnitCount '" + Shorten(text) + "' is not a number.";
                    return false;
            }

            if (count < 0)
            {
                problem = "UnitCount " + count.ToString(CultureInfo.InvariantCulture) + " is negative.";
                return false;
            }
            return true;
        }

        private static bool FromDouble(double value, out decimal count, out string? problem)
        {
            count = 0;
            problem = null;
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                problem = "UnitCount " + value.ToString(CultureInfo.InvariantCulture) + " is not a finite number.";
                return false;
            }
            if (value > (double)decimal.MaxValue || value < (double)decimal.MinValue)
            {
                problem = "UnitCount " + value.ToString("R", CultureInfo.InvariantCulture) + " is out of range.";
                return false;
            }
            count = (decimal)value;
            return true;
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

        private static UsageResult Result(UsageRow row, UsageOutcome outcome, string? reason) => new UsageResult
        {
            Index = row.Index,
            AccountId = row.AccountId,
            ServiceId = string.IsNullOrWhiteSpace(row.ServiceId) ? null : row.ServiceId!.Trim(),
            ServiceName = row.ServiceName,
            Outcome = outcome,
            Reason = reason,
            Source = row.Source,
        };

        private static UsageResult Result(Pending item, UsageOutcome outcome, string? reason)
        {
            var result = Result(item.Row, outcome, reason);
            result.AccountId = item.AccountId;
            result.ServiceId = item.ServiceId;
            result.UnitCount = item.UnitCount;
            result.LedgerUnitCount = item.Ledger?.UnitCount;
            result.LedgerLandedAt = item.Ledger?.LandedAt;
            if (item.Note != null) result.Reason = reason == null ? item.Note : item.Note + " " + reason;
            return result;
        }
    }
}
