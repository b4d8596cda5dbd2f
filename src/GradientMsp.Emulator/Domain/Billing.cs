using System;
using System.Collections.Generic;
using System.Linq;

namespace GradientMsp.Emulator.Domain
{
    /// <summary>What the Billing page shows for one account × service line.</summary>
    internal enum BillingState
    {
        /// <summary>A PSA contract line exists but no count has been built into billing yet ("-").</summary>
        NotImported,
        NoChange,
        Reconcile,
        NewRevenueFound,
    }

    /// <summary>One Billing page card: a mapped account × mapped service with a contract line, a built count, or both.</summary>
    internal sealed record BillingCard(
        AccountRecord Account,
        PsaClient? Client,
        ServiceRef Service,
        PsaService? PsaService,
        ContractLine? Line,
        decimal? ImportedQuantity,
        BillingState State)
    {
        /// <summary>The state as the control API and the QA suite spell it.</summary>
        public string WireState => BillingCalculator.Wire(State);
    }

    /// <summary>The one owner of the billing rules: how a card's state is decided and what a rebuild does.
    /// The vendor half (a count without no_build) and the partner half (the Billing page) both call it.</summary>
    internal static class BillingCalculator
    {
        public static BillingState StateOf(decimal? psaQuantity, decimal? imported)
        {
            if (imported == null) return BillingState.NotImported;
            if (psaQuantity == null) return BillingState.NewRevenueFound;
            return psaQuantity.Value == imported.Value ? BillingState.NoChange : BillingState.Reconcile;
        }

        public static string Wire(BillingState state) => state switch
        {
            BillingState.NotImported => "-",
            BillingState.NoChange => "NoChange",
            BillingState.Reconcile => "Reconcile",
            BillingState.NewRevenueFound => "NewRevenueFound",
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };

        /// <summary>The Billing page catches up with every count pushed so far.</summary>
        public static void Rebuild(PartnerRecord p, DateTimeOffset now)
        {
            foreach (CountRecord c in p.Counts) c.BuiltUnitCount = c.UnitCount;
            p.BillingRebuilds++;
            p.LastBuiltAt = now;
        }

        /// <summary>True while some count was pushed with no_build and not yet built.</summary>
        public static bool PendingBuild(PartnerRecord p) => p.Counts.Any(c => c.BuiltUnitCount != c.UnitCount);

        /// <summary>The cards, accounts outer and services inner (the order the page shows them).</summary>
        public static List<BillingCard> Cards(PartnerRecord p, IReadOnlyList<ServiceRef> allServices)
        {
            var cards = new List<BillingCard>();
            List<ServiceRef> services = allServices.Where(s => s.Mapping != null).ToList();
            foreach (AccountRecord a in p.Accounts)
            {
                if (a.Mapping == null) continue;
                PsaClient? client = p.FindPsaClient(a.Mapping.PsaId);
                foreach (ServiceRef s in services)
                {
                    string psaServiceId = s.Mapping!.PsaId;
                    ContractLine? line = p.FindContract(a.Mapping.PsaId, psaServiceId);
                    decimal? imported = p.FindCount(a.Id, s.Id)?.BuiltUnitCount;
                    if (line == null && imported == null) continue;
                    cards.Add(new BillingCard(a, client, s, p.FindPsaService(psaServiceId), line, imported,
                        StateOf(line?.Quantity, imported)));
                }
            }
            return cards;
        }
    }
}
