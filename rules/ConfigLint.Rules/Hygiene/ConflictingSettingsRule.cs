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
            messageFormat: "{setting} is set to '{value}' here, in {policy}, but to '{otherValue}' in {otherPolicy} at {otherPlace}; both policies are assigned to the same target, so its devices get a conflict",
            category: "Hygiene",
            defaultSeverity: Severity.Warning,
            description: "The same Settings Catalog setting or OMA-URI is configured with different values by two policies assigned to the same target (the same group, or both to all devices or all users). Intune marks the setting as in conflict on devices that receive both.",
            source: "Microsoft Learn: Intune 'Monitor device configuration profiles' (conflicts); Graph deviceManagementConfigurationPolicy settings and assignments",
            tags: new[] { "hygiene", "conflict" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        private static readonly Dictionary<string, ISettingExtractor> Extractors = new ISettingExtractor[] { new SettingsCatalogExtractor(), new OmaUriExtractor() }
            .ToDictionary(e => e.Form, StringComparer.Ordinal);

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override ITenantRuleState CreateState() => new State();

        /// <summary>What a policy shares with all its settings' places (one object per policy, not per setting).</summary>
        private sealed class Policy
        {
            public Policy(string describe, string path)
            {
                Describe = describe;
                Path = path;
            }

            public string Describe { get; }
            public string Path { get; }
            public IReadOnlyCollection<string> Targets = Array.Empty<string>();
            public string TargetKey = string.Empty;
        }

        /// <summary>
        /// The earliest place (in report order) a setting takes one value for one set of assignment targets. Positions
        /// are kept as numbers, not as location objects: this state lives as long as its tenant is being linted.
        /// </summary>
        private sealed class Place
        {
            public Place(Policy policy, SettingOccurrence occurrence, string text)
            {
                Policy = policy;
                Text = text;
                Form = occurrence.Form;
                KeyAsWritten = occurrence.KeyAsWritten;
                var location = occurrence.Location;
                Start = location.Start;
                End = location.End;
                StartOffset = location.StartOffset;
                EndOffset = location.EndOffset;
                Subject = location.Subject;
                Order = occurrence.ValueNode.Start;
            }

            public Policy Policy;
            public readonly string Text;
            public readonly string Form;
            public readonly string KeyAsWritten;
            public readonly LinePosition Start;
            public readonly LinePosition End;
            public readonly int StartOffset;
            public readonly int EndOffset;
            public readonly FindingSubject? Subject;

            /// <summary>The position in the parsed tree, which orders places within a file like their positions do.</summary>
            public readonly int Order;

            public SourceLocation Location => new SourceLocation(Policy.Path, Start, End, StartOffset, EndOffset, Subject);

            /// <summary>Report order: path, then position in the file.</summary>
            public static int Compare(Place a, Place b)
            {
                int byPath = string.CompareOrdinal(a.Policy.Path, b.Policy.Path);
                return byPath != 0 ? byPath : a.Order.CompareTo(b.Order);
            }
        }

        private sealed class State : ITenantRuleState, IDocumentObserver, IMergeableTenantRuleState
        {
            private readonly object _gate = new object();

            // Memory grows with distinct (setting, value, targets), not with policies: each keeps only its first place.
            // Most settings take one value in a tenant, so a setting holds a single Place until a second one appears.
            private readonly Dictionary<(string Form, string Key), object> _byKey = new Dictionary<(string, string), object>();

            // IntuneBackupAndRestore policies wait for their assignment file until the end (no other layout needs to).
            private readonly List<(IReadOnlyList<string> Keys, Policy Policy, List<((string, string) Key, Place Place)> Settings)> _pending = new List<(IReadOnlyList<string>, Policy, List<((string, string), Place)>)>();
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
                var policy = new Policy(resource.Describe(), resource.Path);
                if (targets == null)
                {
                    // The file will be gone at the end: keep the positions now (this layout only).
                    var parked = settings.Select(s => (s.Key, new Place(policy, s.Occurrence, s.Value))).ToList();
                    lock (_gate) _pending.Add((AssignmentFiles.KeysOf(resource), policy, parked));
                    return;
                }
                policy.Targets = targets;
                policy.TargetKey = string.Join("|", targets);
                lock (_gate)
                {
                    foreach (var (key, occurrence, value) in settings) Keep(key, new Candidate(policy, value, occurrence.ValueNode.Start, occurrence, null));
                }
            }

            public void ObserveDocument(DocumentFacts facts) => _files.Observe(facts);

            public void Absorb(ITenantRuleState other)
            {
                var folded = (State)other;
                lock (_gate)
                {
                    // Each kept place goes through Keep again, so the merged state keeps what one state would have.
                    foreach (var pair in folded._byKey)
                    {
                        if (pair.Value is List<Place> places)
                        {
                            foreach (var place in places) Keep(pair.Key, new Candidate(place.Policy, place.Text, place.Order, null, place));
                        }
                        else
                        {
                            var place = (Place)pair.Value;
                            Keep(pair.Key, new Candidate(place.Policy, place.Text, place.Order, null, place));
                        }
                    }
                    _pending.AddRange(folded._pending);
                }
                _files.Absorb(folded._files);
            }

            public void Complete(IFindingSink sink)
            {
                foreach (var (keys, policy, settings) in _pending)
                {
                    var targets = _files.TargetsFor(keys);
                    if (targets == null || targets.Count == 0) continue;
                    policy.Targets = targets;
                    policy.TargetKey = string.Join("|", targets);
                    foreach (var (key, place) in settings) Keep(key, new Candidate(policy, place.Text, place.Order, null, place));
                }
                foreach (var entry in _byKey.Values)
                {
                    if (entry is not List<Place> places) continue;
                    places.Sort(Place.Compare);
                    for (int i = 1; i < places.Count; i++)
                    {
                        var other = places[i];
                        // Only a policy reaching the same devices conflicts: same group, or both all devices/users.
                        // Whether two different groups overlap cannot be told from the files, so it is not reported.
                        var first = places.Take(i).FirstOrDefault(v =>
                            !string.Equals(v.Text, other.Text, StringComparison.OrdinalIgnoreCase) && v.Policy.Targets.Intersect(other.Policy.Targets).Any());
                        if (first == null) continue;
                        sink.Report(Rule, other.Location, new MessageArgs
                        {
                            ["setting"] = Extractors[other.Form].Describe(other.KeyAsWritten),
                            ["value"] = other.Text,
                            ["policy"] = other.Policy.Describe,
                            ["otherValue"] = first.Text,
                            ["otherPolicy"] = first.Policy.Describe,
                            ["otherPlace"] = $"{first.Policy.Path}({first.Start.Line},{first.Start.Column})",
                        });
                    }
                }
            }

            /// <summary>
            /// A place that may be kept. Its <see cref="Place"/> (and the location inside it) is built only when it is
            /// kept; a struct rather than a factory delegate, since this runs for every single-valued setting.
            /// </summary>
            private readonly struct Candidate
            {
                public Candidate(Policy policy, string text, int order, SettingOccurrence? occurrence, Place? built)
                {
                    Policy = policy;
                    Text = text;
                    Order = order;
                    _occurrence = occurrence;
                    _built = built;
                }

                private readonly SettingOccurrence? _occurrence;
                private readonly Place? _built;
                public Policy Policy { get; }
                public string Text { get; }
                public int Order { get; }

                public Place Make() => _built ?? new Place(Policy, _occurrence!, Text);
            }

            /// <summary>Keeps the place when (value, targets) is new for the setting, or when it comes earlier in report order.</summary>
            private void Keep((string, string) key, Candidate candidate)
            {
                if (!_byKey.TryGetValue(key, out var entry))
                {
                    _byKey[key] = candidate.Make();
                    return;
                }
                var places = entry as List<Place>;
                if (places == null)
                {
                    var single = (Place)entry;
                    if (!Same(single, candidate.Policy, candidate.Text))
                    {
                        _byKey[key] = new List<Place>(2) { single, candidate.Make() };
                    }
                    else if (Earlier(candidate.Policy, candidate.Order, single))
                    {
                        _byKey[key] = candidate.Make();
                    }
                    return;
                }
                int index = -1;
                for (int i = 0; i < places.Count && index < 0; i++)
                {
                    if (Same(places[i], candidate.Policy, candidate.Text)) index = i;
                }
                if (index < 0) places.Add(candidate.Make());
                else if (Earlier(candidate.Policy, candidate.Order, places[index])) places[index] = candidate.Make();
            }

            private static bool Same(Place place, Policy policy, string text) =>
                string.Equals(place.Text, text, StringComparison.OrdinalIgnoreCase) && string.Equals(place.Policy.TargetKey, policy.TargetKey, StringComparison.Ordinal);

            private static bool Earlier(Policy policy, int offset, Place seen)
            {
                int byPath = string.CompareOrdinal(policy.Path, seen.Policy.Path);
                return byPath < 0 || (byPath == 0 && offset < seen.Order);
            }

            private static List<((string, string) Key, SettingOccurrence Occurrence, string Value)> Read(Resource resource)
            {
                // One state is one tenant scope (export root): policies of different tenants are never compared.
                // A setting repeated inside one policy (group collections, payload lists) is several instances, not a
                // conflict; only settings with one value per policy are compared across policies (null marks "several").
                Dictionary<(string, string), (SettingOccurrence Occurrence, string Value)?>? seen = null;
                var order = new List<(string, string)>();
                foreach (var extractor in Extractors.Values)
                {
                    foreach (var o in resource.Occurrences(extractor))
                    {
                        // Collections and group settings have no single value to compare.
                        if (o.Raw == null) continue;
                        seen ??= new Dictionary<(string, string), (SettingOccurrence, string)?>();
                        var key = (extractor.Form, o.Key);
                        string value = o.Value ?? o.Raw;
                        if (!seen.TryGetValue(key, out var first))
                        {
                            seen[key] = (o, value);
                            order.Add(key);
                        }
                        else if (first != null && !string.Equals(first.Value.Value, value, StringComparison.OrdinalIgnoreCase))
                        {
                            seen[key] = null;
                        }
                    }
                }
                var result = new List<((string, string) Key, SettingOccurrence Occurrence, string Value)>(order.Count);
                foreach (var key in order)
                {
                    if (seen![key] is { } single) result.Add((key, single.Occurrence, single.Value));
                }
                return result;
            }
        }
    }
}
