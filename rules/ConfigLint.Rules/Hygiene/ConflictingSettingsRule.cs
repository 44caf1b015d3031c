using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using ConfigLint.Rules.Extractors;

namespace ConfigLint.Rules.Hygiene
{
    /// <summary>
    /// Two assigned policies set the same setting to different values. Intune reports such settings as
    /// "conflict" and applies neither reliably, so the outcome on a device depends on which policy wins.
    /// </summary>
    public sealed class ConflictingSettingsRule : TenantRule
    {
        public const string Id = "CL3003";

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Hygiene.Settings.ConflictingValues",
            title: "Two assigned policies set the same setting to different values",
            messageFormat: "{0} is set to '{1}' here, in {2}, but to '{3}' in {4} at {5}; both policies are assigned, so devices in both get a conflict",
            category: "Hygiene",
            defaultSeverity: Severity.Warning,
            description: "The same Settings Catalog setting or OMA-URI is configured with different values by two policies that both have assignments. Intune marks the setting as in conflict on devices that receive both.",
            source: "Microsoft Learn: Intune 'Monitor device configuration profiles' (conflicts); Graph deviceManagementConfigurationPolicy settings and assignments",
            tags: new[] { "hygiene", "conflict" });

        private static readonly ISettingExtractor[] Extractors = { new SettingsCatalogExtractor(), new OmaUriExtractor() };

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override ITenantRuleState CreateState() => new State();

        private sealed class Seen
        {
            public string Key = string.Empty;
            public string Describe = string.Empty;
            public string Value = string.Empty;
            public string Policy = string.Empty;
            public SourceLocation Location = null!;
        }

        private sealed class State : ITenantRuleState
        {
            private readonly object _gate = new object();
            private readonly List<Seen> _seen = new List<Seen>();

            public void Observe(Resource resource)
            {
                // Only policies exported with at least one assignment take part: unassigned ones cannot conflict.
                if (resource.Node["assignments"] is not JsonArray assignments || assignments.Items.Count == 0) return;
                var local = new List<Seen>();
                foreach (var extractor in Extractors)
                {
                    foreach (var o in extractor.Extract(resource))
                    {
                        // Collections and group settings have no single value to compare.
                        if (o.Raw == null) continue;
                        local.Add(new Seen
                        {
                            Key = extractor.Form + "|" + o.Key,
                            Describe = extractor.Describe(o.KeyAsWritten),
                            Value = o.Value ?? o.Raw,
                            Policy = resource.Describe(),
                            Location = o.Location,
                        });
                    }
                }
                if (local.Count == 0) return;
                lock (_gate) _seen.AddRange(local);
            }

            public void Complete(IFindingSink sink)
            {
                List<Seen> all;
                lock (_gate) all = _seen.ToList();
                foreach (var group in all.GroupBy(s => s.Key))
                {
                    var ordered = group.OrderBy(s => s.Location).ToList();
                    var first = ordered[0];
                    foreach (var other in ordered.Skip(1))
                    {
                        if (string.Equals(other.Value, first.Value, StringComparison.OrdinalIgnoreCase)) continue;
                        if (other.Location.Path == first.Location.Path && other.Policy == first.Policy) continue;
                        sink.Report(Rule, other.Location, other.Describe, other.Value, other.Policy, first.Value, first.Policy,
                            $"{first.Location.Path}({first.Location.Start.Line},{first.Location.Start.Column})");
                    }
                }
            }
        }
    }
}
