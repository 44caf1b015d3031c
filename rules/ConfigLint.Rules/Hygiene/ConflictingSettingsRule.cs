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

        private static readonly Dictionary<string, ISettingExtractor> Extractors = new ISettingExtractor[] { new SettingsCatalogExtractor(), new OmaUriExtractor() }
            .ToDictionary(e => e.Form, StringComparer.Ordinal);

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override ITenantRuleState CreateState() => new State();

        /// <summary>The earliest place (in report order) a setting takes one value for one set of assignment targets.</summary>
        private sealed class Value
        {
            public string Text = string.Empty;
            public string Form = string.Empty;
            public string KeyAsWritten = string.Empty;
            public string Policy = string.Empty;
            public string Path = string.Empty;
            public int Offset;
            public SourceLocation Location = null!;
            public IReadOnlyCollection<string> Targets = Array.Empty<string>();
        }

        private sealed class State : ITenantRuleState, IDocumentObserver
        {
            private readonly object _gate = new object();

            // Memory grows with distinct (setting, value, targets), not with policies: each keeps only its first place,
            // and a location is built only for what is kept.
            private readonly Dictionary<string, Dictionary<string, Value>> _byKey = new Dictionary<string, Dictionary<string, Value>>(StringComparer.Ordinal);

            // IntuneBackupAndRestore policies wait for their assignment file until the end (no other layout needs to).
            private readonly List<(IReadOnlyList<string> Keys, List<(string Key, Value Value)> Settings)> _pending = new List<(IReadOnlyList<string>, List<(string, Value)>)>();
            private readonly AssignmentFiles.Index _files = new AssignmentFiles.Index();

            public void Observe(Resource resource)
            {
                var inline = resource.Node["assignments"] as JsonArray;
                if (inline == null && !AssignmentFiles.MayHaveAssignmentFile(resource)) return;
                var targets = inline != null ? AssignmentTargets.Read(inline) : null;
                // Assigned to no one (an exported, empty list): the policy cannot conflict with anything.
                if (targets != null && targets.Count == 0) return;
                var settings = Read(resource);
                if (settings.Count == 0) return;
                if (targets == null)
                {
                    // The file will be gone at the end: keep the locations now (this layout only).
                    var parked = settings.Select(s => (s.Key, Make(resource, s.Occurrence, s.Value))).ToList();
                    lock (_gate) _pending.Add((AssignmentFiles.KeysOf(resource), parked));
                    return;
                }
                string targetKey = string.Join("|", targets);
                lock (_gate)
                {
                    foreach (var (key, occurrence, value) in settings)
                    {
                        if (!Improves(key, value, targetKey, resource.Path, occurrence.ValueNode.Start, out var values, out var valueKey)) continue;
                        var kept = Make(resource, occurrence, value);
                        kept.Targets = targets;
                        values[valueKey] = kept;
                    }
                }
            }

            public void ObserveDocument(DocumentFacts facts) => _files.Observe(facts);

            public void Complete(IFindingSink sink)
            {
                foreach (var (keys, settings) in _pending)
                {
                    var targets = _files.TargetsFor(keys);
                    if (targets == null || targets.Count == 0) continue;
                    string targetKey = string.Join("|", targets);
                    foreach (var (key, value) in settings)
                    {
                        if (!Improves(key, value.Text, targetKey, value.Path, value.Offset, out var values, out var valueKey)) continue;
                        value.Targets = targets;
                        values[valueKey] = value;
                    }
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
                        sink.Report(Rule, other.Location, Extractors[other.Form].Describe(other.KeyAsWritten), other.Text, other.Policy, first.Text, first.Policy,
                            $"{first.Location.Path}({first.Location.Start.Line},{first.Location.Start.Column})");
                    }
                }
            }

            /// <summary>True when (value, targets) is new for the key, or this place comes earlier in report order.</summary>
            private bool Improves(string key, string text, string targetKey, string path, int offset, out Dictionary<string, Value> values, out string valueKey)
            {
                if (!_byKey.TryGetValue(key, out values!)) _byKey[key] = values = new Dictionary<string, Value>(StringComparer.OrdinalIgnoreCase);
                valueKey = text + "\u0001" + targetKey;
                if (!values.TryGetValue(valueKey, out var seen)) return true;
                int byPath = string.CompareOrdinal(path, seen.Path);
                return byPath < 0 || (byPath == 0 && offset < seen.Offset);
            }

            private static Value Make(Resource resource, SettingOccurrence occurrence, string text) => new Value
            {
                Text = text,
                Form = occurrence.Form,
                KeyAsWritten = occurrence.KeyAsWritten,
                Policy = resource.Describe(),
                Path = resource.Path,
                Offset = occurrence.ValueNode.Start,
                Location = occurrence.Location,
            };

            private static List<(string Key, SettingOccurrence Occurrence, string Value)> Read(Resource resource)
            {
                // Policies of different tenants never reach the same device: compare within one export root only.
                string scope = ExportLayout.TenantScope(resource.Path);
                var result = new List<(string Key, SettingOccurrence Occurrence, string Value)>();
                foreach (var extractor in Extractors.Values)
                {
                    foreach (var o in resource.Occurrences(extractor))
                    {
                        // Collections and group settings have no single value to compare.
                        if (o.Raw == null) continue;
                        result.Add((scope + "|" + extractor.Form + "|" + o.Key, o, o.Value ?? o.Raw));
                    }
                }
                // A setting repeated inside one policy (group collections, payload lists) is several instances, not a
                // conflict; only settings with one value per policy are compared across policies.
                return result.GroupBy(o => o.Key)
                    .Where(g => g.Select(o => o.Value).Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1)
                    .Select(g => g.First())
                    .ToList();
            }
        }
    }
}
