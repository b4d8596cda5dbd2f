using System.Collections.Generic;
using System.Linq;

namespace GradientMsp.Emulator.Domain
{
    /// <summary>A PSA client or service to add or rename. Input errors found while parsing travel with the
    /// entry, so the joined message lists every problem in body order, as it always has.</summary>
    internal sealed class PsaEntryInput
    {
        public string? Id;
        /// <summary>Null: the entry is skipped (its errors say why).</summary>
        public string? Name;
        public List<string> Errors = new List<string>();
    }

    /// <summary>A contract line to set (a quantity) or remove (<see cref="Remove"/>).</summary>
    internal sealed class ContractInput
    {
        public bool Skip;
        public string? ClientId, ClientName, ServiceId, ServiceName, ContractName;
        public bool Remove;
        public bool QuantityInvalid;
        public decimal Quantity;
        public List<string> Errors = new List<string>();
    }

    /// <summary>A merge of PSA data into one partner: clients, then services, then contract lines.
    /// Valid entries are applied even when others fail (the error still answers 400).</summary>
    internal sealed class PsaUpdate
    {
        public List<PsaEntryInput> Clients = new List<PsaEntryInput>();
        public List<PsaEntryInput> Services = new List<PsaEntryInput>();
        public List<ContractInput> Contracts = new List<ContractInput>();

        public DomainError? ApplyTo(PartnerRecord p)
        {
            var errors = new List<string>();
            foreach (PsaEntryInput e in Clients)
            {
                errors.AddRange(e.Errors);
                if (e.Name == null) continue;
                string id = e.Id ?? $"psa-client-{p.PsaClients.Count + 1}";
                PsaClient? existing = p.FindPsaClient(id);
                if (existing != null) existing.Name = e.Name;
                else p.PsaClients.Add(new PsaClient { Id = id, Name = e.Name });
            }
            foreach (PsaEntryInput e in Services)
            {
                errors.AddRange(e.Errors);
                if (e.Name == null) continue;
                string id = e.Id ?? $"psa-service-{p.PsaServices.Count + 1}";
                PsaService? existing = p.FindPsaService(id);
                if (existing != null) existing.Name = e.Name;
                else p.PsaServices.Add(new PsaService { Id = id, Name = e.Name });
            }
            foreach (ContractInput l in Contracts)
            {
                errors.AddRange(l.Errors);
                if (l.Skip) continue;
                PsaClient? client = p.PsaClients.FirstOrDefault(c => c.Id == l.ClientId || (l.ClientId == null && c.Name == l.ClientName));
                PsaService? service = p.PsaServices.FirstOrDefault(s => s.Id == l.ServiceId || (l.ServiceId == null && s.Name == l.ServiceName));
                if (client == null) { errors.Add($"unknown PSA client '{l.ClientId ?? l.ClientName}'"); continue; }
                if (service == null) { errors.Add($"unknown PSA service '{l.ServiceId ?? l.ServiceName}'"); continue; }
                ContractLine? line = p.FindContract(client.Id, service.Id);
                if (l.Remove)
                {
                    if (line != null) p.Contracts.Remove(line);
                    continue;
                }
                if (l.QuantityInvalid) { errors.Add("quantity must be a non-negative number or null"); continue; }
                if (line == null)
                {
                    line = new ContractLine { ClientId = client.Id, ServiceId = service.Id };
                    p.Contracts.Add(line);
                }
                line.Quantity = l.Quantity;
                line.ContractName = l.ContractName ?? (line.ContractName.Length > 0 ? line.ContractName : $"{client.Name} Managed Services");
            }
            return errors.Count > 0 ? DomainError.Invalid(string.Join("; ", errors)) : null;
        }
    }
}
