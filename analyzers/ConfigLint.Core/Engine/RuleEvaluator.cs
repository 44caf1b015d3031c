using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;

namespace ConfigLint.Core.Engine
{
    /// <summary>One occurrence of a declared setting in one of its forms, with its value canonicalized once.</summary>
    internal readonly struct FoundSetting
    {
        public FoundSetting(SettingOccurrence occurrence, FormDefinition form)
        {
            Occurrence = occurrence;
            Form = form;
            Canonical = form.Canonicalize(occurrence.Value);
        }

        public SettingOccurrence Occurrence { get; }
        public FormDefinition Form { get; }
        public string? Canonical { get; }
    }

    /// <summary>
    /// Runs the rules on one typed resource: its declared settings are collected once (every form, every extractor,
    /// canonicalized once), then the value rules of each setting found, the scan rules of its type and the C# rules.
    /// Every rule runs under the <see cref="RuleGuard"/>.
    /// </summary>
    internal sealed class RuleEvaluator
    {
        private readonly LintEngine _engine;
        private readonly EngineDiagnostics _diagnostics;
        private readonly IRuleEvaluationListener? _listener;

        public RuleEvaluator(LintEngine engine, IRuleEvaluationListener? listener = null)
        {
            _engine = engine;
            _diagnostics = engine.Pack.Diagnostics;
            _listener = listener;
            _options = engine.Options;
        }

        private readonly RuleOptions _options;

        public void Analyze(Resource resource, FindingSink sink)
        {
            if (!RuleGuard.TryRun(sink, _diagnostics, GuardSite.ReadSettings(resource), (this, resource), s => s.Item1.Collect(s.resource), out var found)) return;
            var evaluated = _listener == null ? null : new List<RuleDescriptor>();

            foreach (var pair in found)
            {
                if (!_engine.ValueRulesBySetting.TryGetValue(pair.Key, out var rules)) continue;
                foreach (var rule in rules)
                {
                    if (!rule.AppliesTo(resource.Type)) continue;
                    evaluated?.Add(rule.Descriptor);
                    RuleGuard.Run(sink, _diagnostics, GuardSite.Rule(rule.Descriptor, resource), (this, rule, resource, pair.Value, sink),
                        s => s.Item1.EvaluateValueRule(s.rule, s.resource, s.Item4, s.sink));
                }
            }

            foreach (var rule in _engine.ScanRules)
            {
                if (!rule.AppliesTo(resource.Type)) continue;
                evaluated?.Add(rule.Descriptor);
                RuleGuard.Run(sink, _diagnostics, GuardSite.Rule(rule.Descriptor, resource), (this, rule, resource, found, sink),
                    s => s.Item1.EvaluateScanRule(s.rule, s.resource, s.found, s.sink));
            }

            foreach (var rule in _engine.Pack.ResourceRules)
            {
                if (rule.Types != null && (resource.Type == null || !rule.Types.Contains(resource.Type))) continue;
                evaluated?.AddRange(rule.Descriptors);
                RuleGuard.Run(sink, _diagnostics, GuardSite.Rule(rule.Descriptors[0], resource), (rule, resource, sink, options: _options), s => s.rule.Analyze(s.resource, s.sink, s.options));
            }
            if (evaluated != null) _listener!.Evaluated(resource, evaluated);
        }

        /// <summary>A single-leaf value rule: one finding per occurrence whose canonical value matches.</summary>
        private void EvaluateValueRule(DeclarativeRule rule, Resource resource, List<FoundSetting> occurrences, FindingSink sink)
        {
            var leaf = rule.Leaves[0];
            foreach (var found in occurrences)
            {
                if (!leaf.When.Matches(found.Canonical, found.Occurrence, _options)) continue;
                sink.ReportMessage(rule.Descriptor, found.Occurrence.Location, SettingMessage(rule.Descriptor, resource, leaf.Setting, found.Occurrence, found.Canonical));
            }
        }

        /// <summary>
        /// A rule over several leaves or a presence test: at most one finding per resource, at the first occurrence that
        /// made a leaf hold (the resource's anchor when the setting is missing).
        /// </summary>
        private void EvaluateScanRule(DeclarativeRule rule, Resource resource, Dictionary<SettingDefinition, List<FoundSetting>> found, FindingSink sink)
        {
            bool all = rule.Combination != LeafCombination.AnyOf;
            bool any = false;
            var witness = default(Witness);
            foreach (var leaf in rule.Leaves)
            {
                found.TryGetValue(leaf.Setting, out var occurrences);
                bool holds = Holds(leaf, occurrences, _options, ref witness);
                if (holds) any = true;
                else if (all) return;
                if (!all && holds) break;
            }
            if (!any) return;
            var location = witness.Occurrence?.Location ?? resource.AnchorLocation;
            var setting = (witness.Leaf ?? rule.Leaves[0]).Setting;
            sink.ReportMessage(rule.Descriptor, location, SettingMessage(rule.Descriptor, resource, setting, witness.Occurrence, witness.Canonical));
        }

        /// <summary>The first occurrence that made a leaf of a scan rule hold.</summary>
        private struct Witness
        {
            public RuleLeaf? Leaf;
            public SettingOccurrence? Occurrence;
            public string? Canonical;
        }

        private static bool Holds(RuleLeaf leaf, List<FoundSetting>? occurrences, RuleOptions options, ref Witness witness)
        {
            // No occurrence: a presence test holds, a value test cannot.
            if (occurrences == null || occurrences.Count == 0) return leaf.When.Presence != PresenceTest.Value;
            if (leaf.When.Presence == PresenceTest.Missing) return false;
            bool empty = leaf.When.Presence == PresenceTest.MissingOrEmpty;
            foreach (var found in occurrences)
            {
                if (empty ? !IsEmpty(found.Occurrence) : !leaf.When.Matches(found.Canonical, found.Occurrence, options)) continue;
                if (witness.Occurrence == null)
                {
                    witness.Leaf = leaf;
                    witness.Occurrence = found.Occurrence;
                    witness.Canonical = empty ? null : found.Canonical;
                }
                return true;
            }
            return false;
        }

        private static bool IsEmpty(SettingOccurrence o) =>
            o.ValueNode.Kind == JsonKind.Null
            || (o.ValueNode is JsonArray a && a.Items.Count == 0)
            || (o.ValueNode is JsonObject obj && obj.Properties.Count == 0)
            || (o.ValueNode.Kind == JsonKind.String && string.IsNullOrWhiteSpace(o.Raw));

        /// <summary>Every occurrence of a declared setting in the resource, by setting: property forms, then each extractor's forms.</summary>
        private Dictionary<SettingDefinition, List<FoundSetting>> Collect(Resource resource)
        {
            var found = new Dictionary<SettingDefinition, List<FoundSetting>>();
            if (resource.Type != null && _engine.PropertyFormsByType.TryGetValue(resource.Type, out var typed))
            {
                foreach (var form in typed) AddProperties(resource, form, found);
            }
            foreach (var form in _engine.UntypedPropertyForms) AddProperties(resource, form, found);
            if (_engine.FormsByKey.Count == 0) return found;

            foreach (var extractor in _engine.Pack.Extractors)
            {
                foreach (var occurrence in resource.Occurrences(extractor))
                {
                    if (!_engine.FormsByKey.TryGetValue((extractor.Form, occurrence.Key), out var forms)) continue;
                    foreach (var form in forms)
                    {
                        if (form.AppliesTo(resource.Type)) Add(found, new FoundSetting(occurrence, form));
                    }
                }
            }
            return found;
        }

        private static void AddProperties(Resource resource, FormDefinition form, Dictionary<SettingDefinition, List<FoundSetting>> found)
        {
            foreach (var node in PropertyPath.Select(resource.Node, form.Key))
            {
                string? raw = node.ScalarText;
                IReadOnlyList<string>? values = node is JsonArray array ? array.Items.Select(i => i.ScalarText ?? string.Empty).ToList() : null;
                Add(found, new FoundSetting(new SettingOccurrence(resource, RulePack.PropertyForm, form.Key, raw, raw, node, values), form));
            }
        }

        private static void Add(Dictionary<SettingDefinition, List<FoundSetting>> found, FoundSetting setting)
        {
            if (!found.TryGetValue(setting.Form.Setting, out var list)) found[setting.Form.Setting] = list = new List<FoundSetting>();
            list.Add(setting);
        }

        /// <summary>A declarative rule's message: its template filled with <see cref="DeclarativeRule.MessagePlaceholders"/>.</summary>
        private string SettingMessage(RuleDescriptor rule, Resource resource, SettingDefinition setting, SettingOccurrence? occurrence, string? canonical) =>
            rule.Message.Render(name => name switch
            {
                "value" => ValueText(occurrence),
                "canonical" => canonical ?? ValueText(occurrence),
                "form" => FormText(occurrence),
                "setting" => setting.Title,
                "resource" => resource.Describe(),
                "type" => resource.Type ?? "unknown type",
                // The loader allows only the placeholders above and the pack's option names: the threshold in force.
                _ => _options.Get(name)?.Text ?? name,
            });

        private string FormText(SettingOccurrence? occurrence) =>
            occurrence == null ? "not set"
            : occurrence.Form == RulePack.PropertyForm ? $"property '{occurrence.Key}'"
            : _engine.Pack.ExtractorsByForm[occurrence.Form].Describe(occurrence.KeyAsWritten);

        private static string ValueText(SettingOccurrence? occurrence) =>
            occurrence == null ? "(not set)"
            : occurrence.ValueNode.Kind == JsonKind.Null ? "null"
            : occurrence.Raw ?? (occurrence.Values != null ? "[" + string.Join(", ", occurrence.Values) + "]" : "(complex value)");
    }
}
