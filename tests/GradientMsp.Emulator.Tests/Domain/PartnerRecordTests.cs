using System;
using GradientMsp.Emulator;
using Xunit;

namespace GradientMsp.Emulator.Tests.Domain
{
    public class PartnerRecordTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        [Fact]
        public void Renaming_an_account_moves_its_counts()
        {
            var p = new PartnerRecord();
            var a = new AccountRecord { Id = "old" };
            p.AddAccount(a);
            p.RecordCount("old", "svc", "sku", 4, noBuild: true, T0);

            p.RenameAccount(a, "new");

            Assert.Null(p.FindAccount("old"));
            Assert.Same(a, p.FindAccount("new"));
            Assert.Null(p.FindCount("old", "svc"));
            Assert.Equal(4m, p.FindCount("new", "svc")!.UnitCount);
            p.RecordCount("new", "svc", "sku", 5, noBuild: true, T0);
            Assert.Single(p.Counts); // the moved record is updated, not duplicated
        }

        [Fact]
        public void Renaming_an_org_service_moves_only_its_own_counts()
        {
            var p = new PartnerRecord();
            var s = new OrgServiceRecord { Id = "svc" };
            p.AddService(s);
            p.RecordCount("a", "svc", "org", 1, noBuild: true, T0);
            p.RecordCount("b", "svc", "sku", 2, noBuild: true, T0); // a sku with the same id stays

            p.RenameService(s, "svc2");

            Assert.Same(s, p.FindService("svc2"));
            Assert.False(p.HasService("svc"));
            Assert.Equal(1m, p.FindCount("a", "svc2")!.UnitCount);
            Assert.Equal(2m, p.FindCount("b", "svc")!.UnitCount);
        }

        [Fact]
        public void RecordCount_counts_pushes_builds_unless_no_build_and_activates()
        {
            var p = new PartnerRecord { Status = "pending" };
            p.RecordCount("a", "s", "sku", 3, noBuild: true, T0);
            p.RecordCount("a", "s", "sku", 4, noBuild: false, T0.AddSeconds(1));
            CountRecord c = p.FindCount("a", "s")!;
            Assert.Equal(2, c.Pushes);
            Assert.Equal(4m, c.BuiltUnitCount);
            Assert.Equal(2, p.CountPushes);
            Assert.Equal(1, p.BillingRebuilds);
            Assert.Equal(T0.AddSeconds(1), p.LastSyncedAt);
            Assert.Equal("active", p.Status);
        }

        [Fact]
        public void Indexes_are_rebuilt_after_loading_lists()
        {
            var p = new PartnerRecord();
            p.Accounts.Add(new AccountRecord { Id = "a" });
            p.Alerts.Add(new AlertRecord { MessageId = "m" });
            p.SkuMappings.Add(new SkuMappingRecord { SkuId = "k" });
            Assert.Null(p.FindAccount("a"));
            p.RebuildIndexes();
            Assert.NotNull(p.FindAccount("a"));
            Assert.NotNull(p.FindAlert("m"));
            Assert.Same(p.SkuMappings[0], p.SkuMapping("k"));
        }

        [Fact]
        public void Disconnect_drops_vendor_data_and_key()
        {
            var p = new PartnerRecord { PartnerKey = "k", Status = "active", SetupFinished = true };
            p.AddAccount(new AccountRecord { Id = "a" });
            p.AddService(new OrgServiceRecord { Id = "s", Mapping = new MappingRecord { PsaId = "x" }, ManuallyMapped = true });
            p.SkuMapping("sku").Mapping = new MappingRecord { PsaId = "y" };
            p.RecordCount("a", "s", "org", 1, noBuild: false, T0);

            p.Disconnect();

            Assert.Null(p.FindAccount("a"));
            Assert.Null(p.FindCount("a", "s"));
            Assert.Null(p.FindSkuMapping("sku"));
            Assert.Null(p.FindService("s")!.Mapping);
            Assert.False(p.FindService("s")!.ManuallyMapped);
            Assert.False(p.Connected);
            Assert.Equal("inactive", p.Status);
            Assert.False(p.SetupFinished);
        }
    }
}
