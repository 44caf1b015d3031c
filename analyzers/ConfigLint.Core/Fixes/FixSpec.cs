using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConfigLint.Core.Fixes
{
    /// <summary>
    /// A rule's <c>fix:</c> entry in a YAML pack:
    /// <code>
    /// fix: { set: 1 }                                   # the rule's setting, canonical value 1
    /// fix: { set: managedApps, byType: { windowsManagedAppProtection: none } }
    /// fix: { set: { device.inactivityLockMinutes: 15, device.inactivityLockSeconds: 900 } }
    /// fix: { set: 6, option: minPasswordLength }        # the rule option in force chooses the value; 6 is its default
    /// fix: { set: { a: 15, b: 900 }, options: { a: { option: inactivityMinutes }, b: { option: inactivityMinutes, times: 60 } } }
    /// </code>
    /// </summary>
    public sealed class FixSpec
    {
        public FixSpec(string ruleId, string? set, IReadOnlyDictionary<string, string> perSetting, IReadOnlyDictionary<string, string> byType, string? option, string? title,
            IReadOnlyDictionary<string, (string Option, double Times)>? perSettingOptions = null)
        {
            RuleId = ruleId;
            Set = set;
            PerSetting = perSetting;
            ByType = byType;
            Option = option;
            Title = title;
            PerSettingOptions = perSettingOptions ?? new Dictionary<string, (string, double)>(StringComparer.Ordinal);
        }

        /// <summary>Per setting id, the rule option (scaled by a factor) that chooses its value instead of <see cref="PerSetting"/>.</summary>
        public IReadOnlyDictionary<string, (string Option, double Times)> PerSettingOptions { get; }

        public string RuleId { get; }

        /// <summary>The canonical value for the rule's (first) setting, when one value serves.</summary>
        public string? Set { get; }

        /// <summary>Canonical values by setting id, for rules over several settings.</summary>
        public IReadOnlyDictionary<string, string> PerSetting { get; }

        /// <summary>Values that differ by resource type (Windows app protection spells "managed apps only" as none).</summary>
        public IReadOnlyDictionary<string, string> ByType { get; }

        /// <summary>The rule option that may override <see cref="Set"/> (see <see cref="RuleFixOptions"/>).</summary>
        public string? Option { get; }

        public string? Title { get; }
    }

    /// <summary>Reads the <c>fix:</c> entries of YAML packs and binds them to the pack's declarative rules.</summary>
    public static class FixSpecLoader
    {
        private static readonly string[] Keys = { "set", "byType", "option", "options", "title" };

        public static IReadOnlyList<FixSpec> Read(IEnumerable<(string Name, string Text)> packs)
        {
            var specs = new List<FixSpec>();
            foreach (var (name, text) in packs)
            {
                var stream = new YamlStream();
                try
                {
                    stream.Load(new StringReader(text));
                }
                catch (YamlException ex)
                {
                    throw new RulePackException(name, ex.Start, ex.Message);
                }
                if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) continue;
                if (!root.Children.TryGetValue(new YamlScalarNode("rules"), out var rules) || rules is not YamlSequenceNode list) continue;
                foreach (var rule in list.Children.OfType<YamlMappingNode>())
                {
                    if (!rule.Children.TryGetValue(new YamlScalarNode("fix"), out var fixNode)) continue;
                    string id = (rule.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) ? (idNode as YamlScalarNode)?.Value : null)
                        ?? throw new RulePackException(name, rule.Start, "a rule with 'fix:' needs an 'id'");
                    specs.Add(ReadSpec(name, id, fixNode));
                }
            }
            return specs;
        }

        private static FixSpec ReadSpec(string pack, string id, YamlNode node)
        {
            if (node is not YamlMappingNode map) throw new RulePackException(pack, node.Start, $"rule {id}: 'fix' must be a mapping such as {{ set: 1 }}");
            foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
            {
                if (Array.IndexOf(Keys, key.Value) < 0) throw new RulePackException(pack, key.Start, $"rule {id}: unknown fix key '{key.Value}'; expected one of {string.Join(", ", Keys)}");
            }
            if (!map.Children.TryGetValue(new YamlScalarNode("set"), out var setNode)) throw new RulePackException(pack, map.Start, $"rule {id}: a fix needs 'set:'");
            string? set = null;
            var perSetting = new Dictionary<string, string>(StringComparer.Ordinal);
            if (setNode is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value)) set = scalar.Value!.Trim();
            else if (setNode is YamlMappingNode settings) perSetting = Strings(pack, id, settings);
            else throw new RulePackException(pack, setNode.Start, $"rule {id}: 'set' is a value or a mapping of setting id: value");
            var byType = map.Children.TryGetValue(new YamlScalarNode("byType"), out var byTypeNode)
                ? Strings(pack, id, byTypeNode as YamlMappingNode ?? throw new RulePackException(pack, byTypeNode.Start, $"rule {id}: 'byType' is a mapping of resource type: value"))
                : new Dictionary<string, string>(StringComparer.Ordinal);
            var byTypeIgnoringCase = new Dictionary<string, string>(byType, StringComparer.OrdinalIgnoreCase);
            var perSettingOptions = new Dictionary<string, (string, double)>(StringComparer.Ordinal);
            if (map.Children.TryGetValue(new YamlScalarNode("options"), out var optionsNode))
            {
                if (optionsNode is not YamlMappingNode optionMap) throw new RulePackException(pack, optionsNode.Start, $"rule {id}: 'options' is a mapping of setting id: {{ option: name, times: n }}");
                foreach (var kv in optionMap.Children)
                {
                    var settingId = (kv.Key as YamlScalarNode)?.Value ?? string.Empty;
                    if (kv.Value is not YamlMappingNode operand || !perSetting.ContainsKey(settingId))
                    {
                        throw new RulePackException(pack, kv.Key.Start, $"rule {id}: 'options' entries name a setting of 'set:' and map it to {{ option: name, times: n }}");
                    }
                    string? name = operand.Children.TryGetValue(new YamlScalarNode("option"), out var n) ? (n as YamlScalarNode)?.Value : null;
                    double times = 1;
                    if (operand.Children.TryGetValue(new YamlScalarNode("times"), out var t) && !ValueCondition.TryNumber((t as YamlScalarNode)?.Value, out times))
                    {
                        throw new RulePackException(pack, t.Start, $"rule {id}: 'times' must be a number");
                    }
                    if (string.IsNullOrWhiteSpace(name)) throw new RulePackException(pack, operand.Start, $"rule {id}: an options entry needs 'option:'");
                    perSettingOptions[settingId] = (name!.Trim(), times);
                }
            }
            return new FixSpec(id, set, perSetting, byTypeIgnoringCase, Scalar(map, "option"), Scalar(map, "title"), perSettingOptions);
        }

        private static Dictionary<string, string> Strings(string pack, string id, YamlMappingNode map)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var kv in map.Children)
            {
                var key = (kv.Key as YamlScalarNode)?.Value;
                var value = (kv.Value as YamlScalarNode)?.Value;
                if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(value)) throw new RulePackException(pack, kv.Key.Start, $"rule {id}: fix values must be plain");
                result[key!.Trim()] = value!.Trim();
            }
            return result;
        }

        private static string? Scalar(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value) ? s.Value!.Trim() : null;

        /// <summary>
        /// Binds specs to the pack's YAML rules: each names a rule that exists, and each setting it sets is one the rule
        /// tests. Throws <see cref="InvalidOperationException"/> naming the rule otherwise, as a broken pack does.
        /// </summary>
        public static IReadOnlyList<SettingFix> Bind(IReadOnlyList<FixSpec> specs, RulePack pack, IEnumerable<IFormValueWriter> writers)
        {
            var writerByForm = writers.ToDictionary(w => w.Form, StringComparer.Ordinal);
            var rules = pack.DeclarativeRules.ToDictionary(r => r.Descriptor.Id, StringComparer.Ordinal);
            var fixes = new List<SettingFix>();
            foreach (var spec in specs)
            {
                if (!rules.TryGetValue(spec.RuleId, out var rule)) throw new InvalidOperationException($"fix for {spec.RuleId}: no YAML rule has that id");
                var targets = new List<(SettingDefinition, string)>();
                if (spec.Set != null)
                {
                    targets.Add((rule.Leaves[0].Setting, spec.Set));
                }
                foreach (var kv in spec.PerSetting)
                {
                    var leaf = rule.Leaves.FirstOrDefault(l => l.Setting.Id == kv.Key)
                        ?? throw new InvalidOperationException($"fix for {spec.RuleId}: the rule does not test setting '{kv.Key}' (it tests {string.Join(", ", rule.Leaves.Select(l => l.Setting.Id))})");
                    targets.Add((leaf.Setting, kv.Value));
                }
                foreach (var name in spec.PerSettingOptions.Values.Select(o => o.Option).Concat(spec.Option == null ? Enumerable.Empty<string>() : new[] { spec.Option }))
                {
                    if (!pack.Options.Any(o => o.Name == name)) throw new InvalidOperationException($"fix for {spec.RuleId}: no pack declares option '{name}'");
                }
                fixes.Add(new SettingFix(rule, spec, targets, writerByForm));
            }
            return fixes;
        }
    }
}
