using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using ConfigLint.Rules.Typing;

namespace ConfigLint.Rules.Tenant
{
    /// <summary>
    /// Intune always writes its audit log, so the DPIA's "log and review admin behaviour" means shipping that log
    /// somewhere it is reviewed: an Azure diagnostic setting with the AuditLogs category and a destination.
    /// </summary>
    public sealed class AdminAuditLogRule : TenantRule
    {
        private const string Source = "DPIA recommendation: log admin behaviour and review the logs; Intune diagnostic settings (ARM providers/microsoft.intune/diagnosticSettings)";

        public const string NotShippedId = "CL1010";
        public const string NotCheckableId = "CL1011";

        public static readonly RuleDescriptor NotShipped = new RuleDescriptor(
            id: NotShippedId,
            name: "Privacy.Tenant.AuditLogsNotShipped",
            title: "Intune audit logs are not shipped for review",
            messageFormat: "Intune audit logs are not shipped for review: diagnostic setting '{setting}' {reason}; enable the AuditLogs category with a Log Analytics workspace, storage account or event hub destination",
            category: "Privacy",
            defaultSeverity: Severity.Warning,
            description: "No exported Intune diagnostic setting sends the AuditLogs category to a destination, so admin actions (such as an ownership change) are kept only in the portal for a limited time and are not reviewed.",
            source: Source,
            tags: new[] { "dpia", "tenant" },
            helpUri: PackIdentifiers.GetHelpUri(NotShippedId));

        public static readonly RuleDescriptor NotCheckable = new RuleDescriptor(
            id: NotCheckableId,
            name: "Privacy.Tenant.AdminLoggingNotCheckable",
            title: "Shipping of admin audit logs cannot be checked from these files",
            messageFormat: "not checkable offline: whether Intune audit logs are shipped for review is an Azure diagnostic setting, which is not among the inputs; export GET https://management.azure.com/providers/microsoft.intune/diagnosticSettings?api-version=2017-04-01-preview to a .json file and lint it with the rest",
            category: "Privacy",
            defaultSeverity: Severity.Info,
            description: "Graph exports never contain the Intune diagnostic settings; the check needs the ARM list exported beside them.",
            source: Source,
            tags: new[] { "dpia", "tenant" },
            helpUri: PackIdentifiers.GetHelpUri(NotCheckableId));

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { NotShipped, NotCheckable };

        public override ITenantRuleState CreateState() => new State();

        private sealed class Fact
        {
            public string Name = string.Empty;
            public bool Ships;
            public string Reason = string.Empty;
            public SourceLocation Location = null!;
        }

        private sealed class State : ITenantRuleState, IMergeableTenantRuleState
        {
            private readonly object _gate = new object();
            private readonly List<Fact> _settings = new List<Fact>();
            private int _resources;

            public void Observe(Resource resource)
            {
                System.Threading.Interlocked.Increment(ref _resources);
                if (resource.Type != IntuneTyper.DiagnosticSettingType) return;
                var fact = Judge(resource);
                lock (_gate) _settings.Add(fact);
            }

            public void Absorb(ITenantRuleState other)
            {
                var folded = (State)other;
                System.Threading.Interlocked.Add(ref _resources, folded._resources);
                lock (_gate) _settings.AddRange(folded._settings);
            }

            public void Complete(IFindingSink sink)
            {
                if (_resources == 0) return;
                List<Fact> settings;
                lock (_gate) settings = _settings.ToList();
                if (settings.Count == 0)
                {
                    sink.Report(NotCheckable, null);
                    return;
                }
                if (settings.Any(s => s.Ships)) return;
                foreach (var s in settings.OrderBy(s => s.Location))
                {
                    sink.Report(NotShipped, s.Location, new MessageArgs { ["setting"] = s.Name, ["reason"] = s.Reason });
                }
            }

            private static Fact Judge(Resource resource)
            {
                var node = resource.Node;
                var props = node["properties"] as JsonObject ?? node;
                var fact = new Fact { Name = node.GetString("name") ?? resource.DisplayName ?? "(unnamed)", Location = resource.AnchorLocation };
                bool destination = new[] { "workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "serviceBusRuleId" }
                    .Any(p => !string.IsNullOrWhiteSpace(props.GetString(p)));

                JsonObject? audit = null;
                if (props["logs"] is JsonArray logs)
                {
                    audit = logs.Items.OfType<JsonObject>().FirstOrDefault(l => string.Equals(l.GetString("category"), "AuditLogs", StringComparison.OrdinalIgnoreCase));
                    fact.Location = resource.GetLocation(logs);
                }
                if (audit == null)
                {
                    fact.Reason = "does not list the AuditLogs category";
                    return fact;
                }
                var enabled = audit["enabled"];
                if (enabled?.ScalarText != "true")
                {
                    fact.Reason = "has the AuditLogs category disabled";
                    fact.Location = enabled != null ? resource.GetLocation(enabled) : resource.GetLocation(audit);
                    return fact;
                }
                if (!destination)
                {
                    fact.Reason = "enables AuditLogs but names no destination (workspaceId, storageAccountId or eventHubAuthorizationRuleId)";
                    fact.Location = resource.GetLocation(audit);
                    return fact;
                }
                fact.Ships = true;
                return fact;
            }
        }
    }
}
