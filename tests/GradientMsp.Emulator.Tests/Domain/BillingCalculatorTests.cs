using System;
using System.Collections.Generic;
using GradientMsp.Emulator;
using GradientMsp.Emulator.Domain;
using Xunit;

namespace GradientMsp.Emulator.Tests.Domain
{
    public class BillingCalculatorTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        [Theory]
        [InlineData(null, null, BillingState.NotImported)]
        [InlineData("5", null, BillingState.NotImported)]
        [InlineData(null, "5", BillingState.NewRevenueFound)]
        [InlineData("5", "5.0", BillingState.NoChange)]
        [InlineData("5", "6", BillingState.Reconcile)]
        [InlineData("0", "0", BillingState.NoChange)]
        internal void StateOf_decides_by_contract_and_built_count(string? psa, string? imported, BillingState expected)
        {
            decimal? P(string? s) => s == null ? null : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, BillingCalculator.StateOf(P(psa), P(imported)));
        }

        [Fact]
        public void Wire_names_are_the_billing_pages()
        {
            Assert.Equal("-", BillingCalculator.Wire(BillingState.NotImported));
            Assert.Equal("NoChange", BillingCalculator.Wire(BillingState.NoChange));
            Assert.Equal("Reconcile", BillingCalculator.Wire(BillingState.Reconcile));
            Assert.Equal("NewRevenueFound", BillingCalculator.Wire(BillingState.NewRevenueFound));
        }

        private static (PartnerRecord P, List<SkuRecord> Skus) Partner()
        {
            var p = new PartnerRecord { OrganizationId = "org" };
            p.PsaClients.Add(new PsaClient { Id = "c1", Name = "Contoso" });
            p.PsaServices.Add(new PsaService { Id = "s1", Name = "Backup" });
            p.PsaServices.Add(new PsaService { Id = "s2", Name = "Email" });
            p.Contracts.Add(new ContractLine { ClientId = "c1", ServiceId = "s1", Quantity = 10, ContractName = "Contoso MS" });
            p.AddAccount(new AccountRecord { Id = "a1", Name = "Contoso", Mapping = new MappingRecord { PsaId = "c1", MappingId = "m1" } });
            p.AddAccount(new AccountRecord { Id = "a2", Name = "Unmapped" });
            var skus = new List<SkuRecord> { new SkuRecord { Id = "sku1", Name = "Backup" }, new SkuRecord { Id = "sku2", Name = "Email" } };
            p.SkuMapping("sku1").Mapping = new MappingRecord { PsaId = "s1", MappingId = "m2" };
            p.SkuMapping("sku2").Mapping = new MappingRecord { PsaId = "s2", MappingId = "m3" };
            return (p, skus);
        }

        [Fact]
        public void Cards_follow_contracts_and_built_counts_only()
        {
            var (p, skus) = Partner();
            List<BillingCard> cards = BillingCalculator.Cards(p, p.AllServices(skus));
            BillingCard only = Assert.Single(cards); // contract line, nothing built yet; sku2 has neither
            Assert.Equal(BillingState.NotImported, only.State);
            Assert.Equal("sku1", only.Service.Id);
            Assert.Equal("Contoso", only.Client!.Name);
            Assert.Equal("Backup", only.PsaService!.Name);

            p.RecordCount("a1", "sku1", "sku", 12, noBuild: false, T0);
            p.RecordCount("a1", "sku2", "sku", 3, noBuild: false, T0);
            p.RecordCount("a2", "sku1", "sku", 3, noBuild: false, T0); // unmapped account: no card
            cards = BillingCalculator.Cards(p, p.AllServices(skus));
            Assert.Equal(2, cards.Count);
            Assert.Equal(BillingState.Reconcile, cards[0].State);
            Assert.Equal(12m, cards[0].ImportedQuantity);
            Assert.Equal(10m, cards[0].Line!.Quantity);
            Assert.Equal(BillingState.NewRevenueFound, cards[1].State);
            Assert.Null(cards[1].Line);
        }

        [Fact]
        public void No_build_counts_wait_for_a_rebuild()
        {
            var (p, skus) = Partner();
            p.RecordCount("a1", "sku1", "sku", 10, noBuild: true, T0);
            Assert.True(BillingCalculator.PendingBuild(p));
            Assert.Equal(0, p.BillingRebuilds);
            Assert.Equal(BillingState.NotImported, Assert.Single(BillingCalculator.Cards(p, p.AllServices(skus))).State);

            BillingCalculator.Rebuild(p, T0.AddMinutes(1));
            Assert.False(BillingCalculator.PendingBuild(p));
            Assert.Equal(1, p.BillingRebuilds);
            Assert.Equal(T0.AddMinutes(1), p.LastBuiltAt);
            Assert.Equal(BillingState.NoChange, Assert.Single(BillingCalculator.Cards(p, p.AllServices(skus))).State);
        }
    }
}
