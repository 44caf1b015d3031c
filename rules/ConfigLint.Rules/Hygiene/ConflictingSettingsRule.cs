using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using ConfigLint.Rules.Extractors;
using ConfigLint.Rules.Typing;

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
            messageFormat: "{0} is set to '{1}' here, in {2}, but to '{3}' in {4} at {5}; both policies are assigned to the same target, so its devices get a conflict",
            category: "Hygiene",
            defaultSeverity: Severity.Warning,
            description: "The same Settings Catalog setting or OMA-URI is configured with different values by two policies assigned to the same target (the same group, or both to all devices or all users). Intune marks the setting as in conflict on devices that receive both.",
            source: "Microsoft Learn: Intune 'Monitor device configuration profiles' (conflicts); Graph deviceManagementConfigurationPolicy settings and assignments",
            tags: new[] { "hygiene", "conflict" });

        private static readonly ISettingExtractor[] Extractors = { new SettingsCatalogExtractor(), new OmaUriExtractor() };

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override ITenantRuleState CreateState() => new State();

        /// <summary>The earliest place (in report order) a setting takes one value for one set of assignment targets.</summary>
        private sealed class Value
        {
            public string Text = string.Empty;
            public string Describe = string.Empty;
            public string Policy = string.Empty;
            public SourceLocation Location = null!;
            public IReadOnlyCollection<string> Targets = Array.Empty<string>();
        }

        private sealed class Occurrence
        {
            public string Key = string.Empty;
            public Value Value = null!;
        }

        private sealed class State : ITenantRuleState, IDocumentObserver
        {
            private readonly object _gate = new object();

            // Memory grows with distinct (setting, value, targets), not with policies: each keeps only its first place.
            private readonly Dictionary<string, Dictionary<string, Value>> _byKey = new Dictionary<string, Dictionary<string, Value>>(StringComparer.Ordinal);

            // Policies with no inline assignments wait for an assignment file (IntuneBackupAndRestore) until the end.
            private readonly List<(IReadOnlyList<string> Keys, List<Occurrence> Settings)> _pending = new List<(IReadOnlyList<string>, List<Occurrence>)>();
            private readonly AssignmentFiles.Index _files = new AssignmentFiles.Index();

            public void Observe(Resource resource)
            {
                var inline = resource.Node["assignments"] as JsonArray;
                var targets = inline != null ? AssignmentTargets.Read(inline) : null;
                // Assigned to no one (an exported, empty list): the policy cannot conflict with anything.
                if (targets != null && targets.Count == 0) return;
                var settings = Read(resource);
                if (settings.Count == 0) return;
                lock (_gate)
                {
                    if (targets != null) Add(settings, targets);
                    else _pending.Add((AssignmentFiles.KeysOf(resource), settings));
                }
            }

            public void ObserveDocument(DocumentFacts facts) => _files.Observe(facts);

            public void Complete(IFindingSink sink)
            {
                foreach (var (keys, settings) in _pending)
                {
                    var targets = _files.TargetsFor(keys);
                    if (targets != null && targets.Count > 0) Add(settings, targets);
                }
                foreach (var values in _byKey.Values)
                {
                    if (values.Count < 2) continue;
                    var ordered = values.Values.OrderBy(v => v.Location).ToList();
                    for (int i = 1; i < ordered.Count; i++)
                    {
                        var other = ordered[i];
                        // Only a policy reaching the same devices conflicts: same group, or both all devices/users.
                        // Whether two different groups overlap cannot be told from the files, so it is not reported.
                        var first = ordered.Take(i).FirstOrDefault(v =>
                            !string.Equals(v.Text, other.Text, StringComparison.OrdinalIgnoreCase) && v.Targets.Intersect(other.Targets).Any());
                        if (first == null) continue;
                        sink.Report(Rule, other.Location, other.Describe, other.Text, other.Policy, first.Text, first.Policy,
                            $"{first.Location.Path}({first.Location.Start.Line},{first.Location.Start.Column})");
                    }
                }
            }

            private void Add(List<Occurrence> settings, IReadOnlyCollection<string> targets)
            {
                string targetKey = string.Join("|", targets);
                foreach (var o in settings)
                {
                    if (!_byKey.TryGetValue(o.Key, out var values)) _byKey[o.Key] = values = new Dictionary<string, Value>(StringComparer.OrdinalIgnoreCase);
                    string valueKey = o.Value.Text + "\u0001" + targetKey;
                    o.Value.Targets = targets;
                    if (!values.TryGetValue(valueKey, out var seen) || o.Value.Location.CompareTo(seen.Location) < 0) values[valueKey] = o.Value;
                }
            }

            private static List<Occurrence> Read(Resource resource)
            {
                // Policies of different tenants never reach the same device: compare within one export root only.
                string scope = ExportLayout.TenantScope(resource.Path);
                var result = new List<Occurrence>();
                foreach (var extractor in Extractors)
                {
                    foreach (var o in extractor.Extract(resource))
                    {
                        // Collections and group settings have no single value to compare.
                        if (o.Raw == null) continue;
                        result.Add(new Occurrence
                        {
                            Key = scope + "|" + extractor.Form + "|" + o.Key,
                            Value = new Value { Text = o.Value ?? o.Raw, Describe = extractor.Describe(o.KeyAsWritten), Policy = resource.Describe(), Location = o.Location },
                        });
                    }
                }
                // A setting repeated inside one policy (group collections, payload lists) is several instances, not a
                // conflict; only settings with one value per policy are compared across policies.
                return result.GroupBy(o => o.Key)
                    .Where(g => g.Select(o => o.Value.Text).Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1)
                    .Select(g => g.First())
                    .ToList();
            }
        }
    }
}
