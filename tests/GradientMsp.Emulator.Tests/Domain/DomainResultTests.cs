using System;
using System.Text.Json;
using GradientMsp.Emulator;
using GradientMsp.Emulator.Domain;
using Xunit;

namespace GradientMsp.Emulator.Tests.Domain
{
    public class DomainResultTests
    {
        [Fact]
        public void Result_holds_a_value_or_an_error()
        {
            Result<int> ok = 5;
            Assert.True(ok.IsOk);
            Assert.Equal(5, ok.Value);
            Result<int> no = DomainError.NotFound("nope");
            Assert.False(no.IsOk);
            Assert.Equal(ErrorKind.NotFound, no.Error!.Kind);
            Assert.Throws<InvalidOperationException>(() => no.Value);
        }

        [Theory]
        [InlineData(ErrorKind.Invalid, 400, "{\"statusCode\":400,\"message\":\"m\",\"error\":\"Bad Request\"}")]
        [InlineData(ErrorKind.NotFound, 404, "{\"statusCode\":404,\"message\":\"m\"}")]
        [InlineData(ErrorKind.Conflict, 409, "{\"statusCode\":409,\"message\":\"m\",\"error\":\"Conflict\"}")]
        internal void Http_maps_each_kind_to_its_status_and_body(ErrorKind kind, int status, string json)
        {
            DomainError e = kind switch
            {
                ErrorKind.Invalid => DomainError.Invalid("m"),
                ErrorKind.NotFound => DomainError.NotFound("m"),
                _ => DomainError.Conflict("m"),
            };
            ApiResult r = Http.From(e);
            Assert.Equal(status, r.Status);
            Assert.Equal(json, JsonSerializer.Serialize(r.Body, r.Body!.GetType(), JsonSetup.Api));
        }

        [Fact]
        public void Http_maps_unauthorized_and_values()
        {
            ApiResult r = Http.From(DomainError.Unauthorized);
            Assert.Equal(401, r.Status);
            Assert.Equal(401, ((ErrorBody)r.Body!).StatusCode);
            Assert.Equal("Unauthorized", ((ErrorBody)r.Body!).Message);
            ApiResult ok = Http.Map<int>(7, v => v * 2, 201);
            Assert.Equal(201, ok.Status);
            Assert.Equal(14, ok.Body);
        }
    }

    public class PsaUpdateTests
    {
        private static PartnerRecord Partner()
        {
            var p = new PartnerRecord();
            p.PsaClients.Add(new PsaClient { Id = "c1", Name = "Contoso" });
            p.PsaServices.Add(new PsaService { Id = "s1", Name = "Backup" });
            return p;
        }

        [Fact]
        public void Adds_renames_and_numbers_new_entries()
        {
            PartnerRecord p = Partner();
            var u = new PsaUpdate();
            u.Clients.Add(new PsaEntryInput { Id = "c1", Name = "Contoso Ltd" });
            u.Clients.Add(new PsaEntryInput { Name = "Fabrikam" });
            u.Contracts.Add(new ContractInput { ClientName = "Fabrikam", ServiceId = "s1", Quantity = 3 });
            Assert.Null(u.ApplyTo(p));
            Assert.Equal("Contoso Ltd", p.FindPsaClient("c1")!.Name);
            Assert.Equal("Fabrikam", p.FindPsaClient("psa-client-2")!.Name);
            ContractLine line = p.FindContract("psa-client-2", "s1")!;
            Assert.Equal(3m, line.Quantity);
            Assert.Equal("Fabrikam Managed Services", line.ContractName);
        }

        [Fact]
        public void Errors_are_joined_in_body_order_and_valid_entries_still_apply()
        {
            PartnerRecord p = Partner();
            var u = new PsaUpdate();
            var bad = new PsaEntryInput();
            bad.Errors.Add("name should not be empty");
            u.Clients.Add(bad);
            u.Services.Add(new PsaEntryInput { Name = "Email" });
            u.Contracts.Add(new ContractInput { ClientId = "nobody", ServiceId = "s1", Quantity = 1 });
            u.Contracts.Add(new ContractInput { ClientId = "c1", ServiceId = "s1", QuantityInvalid = true });
            DomainError e = u.ApplyTo(p)!;
            Assert.Equal(ErrorKind.Invalid, e.Kind);
            Assert.Equal("name should not be empty; unknown PSA client 'nobody'; quantity must be a non-negative number or null", e.Message);
            Assert.NotNull(p.FindPsaService("psa-service-2"));
        }

        [Fact]
        public void Null_quantity_removes_a_line()
        {
            PartnerRecord p = Partner();
            p.Contracts.Add(new ContractLine { ClientId = "c1", ServiceId = "s1", Quantity = 2 });
            var u = new PsaUpdate();
            u.Contracts.Add(new ContractInput { ClientId = "c1", ServiceId = "s1", Remove = true });
            Assert.Null(u.ApplyTo(p));
            Assert.Empty(p.Contracts);
        }
    }
}
