using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConfigLint.Core.Rules
{
    /// <summary>A mistake in a rule pack, with the pack's name and the position of the offending node.</summary>
    public sealed class RulePackException : Exception
    {
        public RulePackException(string pack, Mark mark, string message)
            : base($"{pack}({mark.Line},{mark.Column}): {message}")
        {
            Pack = pack;
            Line = (int)mark.Line;
            Column = (int)mark.Column;
        }

        public string Pack { get; }
        public int Line { get; }
        public int Column { get; }
    }

    /// <summary>The settings and rules read from one or more YAML packs.</summary>
    public sealed class LoadedPack
    {
        public List<SettingDefinition> Settings { get; } = new List<SettingDefinition>();
        public List<DeclarativeRule> Rules { get; } = new List<DeclarativeRule>();

        /// <summary>The rule options the packs declare (<c>options:</c>), in declaration order (their index).</summary>
        public List<RuleOptionDeclaration> Options { get; } = new List<RuleOptionDeclaration>();
    }

    /// <summary>
    /// Reads rule packs: <c>settings:</c> declares logical settings and their forms, <c>rules:</c> declares rules
    /// over them. All packs share one setting namespace, so a privacy rule can use a setting declared elsewhere.
    /// </summary>
    public static class RulePackLoader
    {
        private static readonly string[] RuleKeys =
        {
            "id", "name", "title", "message", "category", "severity", "description", "source", "tags", "types",
            "setting", "property", "when", "allOf", "anyOf", "helpUri",
            "fix", // read by Fixes/FixSpecLoader
        };

        /// <summary>
        /// Loads YAML packs; <paramref name="helpUri"/> computes each rule's help link from its ID. Users' own packs
        /// (<paramref name="customPacks"/>) use the same settings and condition language, but their rule IDs must have a
        /// prefix other than <c>CL</c> and their rules a doc link of their own (<c>helpUri</c> on the rule, or on the
        /// pack with <c>{id}</c> in it); YAML tags are refused.
        /// </summary>
        public static LoadedPack Load(IEnumerable<(string Name, string Text)> packs, Func<string, string>? helpUri = null, IEnumerable<(string Name, string Text)>? customPacks = null) =>
            LoadCore(packs, helpUri, customPacks, null);

        /// <summary>
        /// Users' packs over packs already loaded (the built-in ones, compiled at build time): <paramref name="builtIn"/>'s
        /// settings and rules come first and share their namespace with the custom packs, as if loaded with them.
        /// </summary>
        public static LoadedPack LoadOver(LoadedPack builtIn, IEnumerable<(string Name, string Text)> customPacks) =>
            LoadCore(Enumerable.Empty<(string, string)>(), null, customPacks, builtIn);

        private static LoadedPack LoadCore(IEnumerable<(string Name, string Text)> packs, Func<string, string>? helpUri, IEnumerable<(string Name, string Text)>? customPacks, LoadedPack? builtIn)
        {
            var documents = new List<(string Name, YamlMappingNode Root)>();
            var custom = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, text) in packs.Concat(customPacks ?? Enumerable.Empty<(string, string)>()))
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
                if (stream.Documents.Count == 0) continue;
                if (stream.Documents[0].RootNode is not YamlMappingNode root)
                {
                    throw new RulePackException(name, stream.Documents[0].RootNode.Start, "a rule pack is a mapping with 'settings' and/or 'rules'");
                }
                documents.Add((name, root));
            }
            foreach (var (name, _) in customPacks ?? Enumerable.Empty<(string, string)>())
            {
                custom.Add(name);
                foreach (var (docName, root) in documents)
                {
                    if (docName == name) CustomPacks.RejectTags(name, root);
                }
            }

            var result = new LoadedPack();
            // The built-in packs' options keep their indexes; options a user's pack declares come after them.
            if (builtIn != null) result.Options.AddRange(builtIn.Options);
            foreach (var (name, root) in documents)
            {
                foreach (var node in Sequence(name, root, "options"))
                {
                    var option = ReadOption(name, node, result.Options.Count);
                    if (result.Options.Any(o => o.Name == option.Name)) throw new RulePackException(name, node.Start, $"option '{option.Name}' is declared twice");
                    result.Options.Add(option);
                }
            }
            var options = result.Options.ToDictionary(o => o.Name, StringComparer.Ordinal);
            var settings = new Dictionary<string, SettingDefinition>(StringComparer.Ordinal);
            if (builtIn != null)
            {
                foreach (var setting in builtIn.Settings) settings.Add(setting.Id, setting);
                result.Settings.AddRange(builtIn.Settings);
                result.Rules.AddRange(builtIn.Rules);
            }
            foreach (var (name, root) in documents)
            {
                foreach (var node in Sequence(name, root, "settings"))
                {
                    var setting = ReadSetting(name, node);
                    if (settings.ContainsKey(setting.Id)) throw new RulePackException(name, node.Start, $"setting '{setting.Id}' is declared twice");
                    settings.Add(setting.Id, setting);
                    result.Settings.Add(setting);
                }
            }

            foreach (var (name, root) in documents)
            {
                foreach (var key in root.Children.Keys.OfType<YamlScalarNode>())
                {
                    if (key.Value == "helpUri" && custom.Contains(name)) continue;
                    if (key.Value != "settings" && key.Value != "rules" && key.Value != "options") throw new RulePackException(name, key.Start, $"unknown top-level key '{key.Value}'; expected 'options', 'settings' or 'rules'");
                }
                bool isCustom = custom.Contains(name);
                string? packHelp = isCustom ? OptionalString(root, "helpUri") : null;
                foreach (var node in Sequence(name, root, "rules"))
                {
                    var rule = ReadRule(name, node, settings, result.Settings, options, helpUri, isCustom, packHelp);
                    if (isCustom && result.Rules.Any(r => r.Descriptor.Id == rule.Descriptor.Id)) throw new RulePackException(name, node.Start, $"rule id {rule.Descriptor.Id} is declared twice");
                    result.Rules.Add(rule);
                }
            }
            return result;
        }

        private static SettingDefinition ReadSetting(string pack, YamlNode node)
        {
            var map = Mapping(pack, node, "a setting");
            var setting = new SettingDefinition(RequiredString(pack, map, "id"), OptionalString(map, "title") ?? RequiredString(pack, map, "id"));
            foreach (var formNode in Sequence(pack, map, "forms"))
            {
                var form = Mapping(pack, formNode, "a form");
                setting.Forms.Add(new FormDefinition(
                    setting,
                    RequiredString(pack, form, "form"),
                    RequiredString(pack, form, "key"),
                    StringList(pack, form, "types"),
                    StringMap(pack, form, "map")));
            }
            if (setting.Forms.Count == 0) throw new RulePackException(pack, node.Start, $"setting '{setting.Id}' has no forms");
            return setting;
        }

        /// <summary>
        /// <c>options:</c> entries: <c>{ name, description, default, minimum, maximum }</c> for a whole number, or
        /// <c>{ name, description, default, levels: [{ name, value, text }] }</c> for ordered levels, lowest first.
        /// </summary>
        private static RuleOptionDeclaration ReadOption(string pack, YamlNode node, int index)
        {
            var map = Mapping(pack, node, "an option");
            string[] keys = { "name", "description", "default", "minimum", "maximum", "levels" };
            foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
            {
                if (Array.IndexOf(keys, key.Value) < 0) throw new RulePackException(pack, key.Start, $"unknown option key '{key.Value}'; expected one of {string.Join(", ", keys)}");
            }
            string name = RequiredString(pack, map, "name");
            List<RuleOptionLevel>? levels = null;
            if (map.Children.ContainsKey(new YamlScalarNode("levels")))
            {
                levels = new List<RuleOptionLevel>();
                foreach (var levelNode in Sequence(pack, map, "levels"))
                {
                    var level = Mapping(pack, levelNode, "a level");
                    levels.Add(new RuleOptionLevel(RequiredString(pack, level, "name"), RequiredString(pack, level, "value"), RequiredString(pack, level, "text")));
                }
                if (levels.Count == 0) throw new RulePackException(pack, node.Start, $"option '{name}' has no levels");
            }
            int Bound(string key, int fallback)
            {
                var text = OptionalString(map, key);
                if (text == null) return fallback;
                return int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
                    ? n : throw new RulePackException(pack, map.Children[new YamlScalarNode(key)].Start, $"option '{name}': '{key}' must be a whole number");
            }
            try
            {
                return new RuleOptionDeclaration(index, name, RequiredString(pack, map, "description"), RequiredString(pack, map, "default"), Bound("minimum", 0), Bound("maximum", int.MaxValue), levels);
            }
            catch (FormatException ex)
            {
                throw new RulePackException(pack, map.Children[new YamlScalarNode("default")].Start, ex.Message);
            }
        }

        private static DeclarativeRule ReadRule(string pack, YamlNode node, Dictionary<string, SettingDefinition> settings, List<SettingDefinition> all, Dictionary<string, RuleOptionDeclaration> options, Func<string, string>? helpUri, bool custom = false, string? packHelp = null)
        {
            var map = Mapping(pack, node, "a rule");
            foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
            {
                if (Array.IndexOf(RuleKeys, key.Value) < 0) throw new RulePackException(pack, key.Start, $"unknown rule key '{key.Value}'; expected one of {string.Join(", ", RuleKeys)}");
            }
            string id = RequiredString(pack, map, "id");
            var descriptor = ReadDescriptor(pack, node, map, id, helpUri, custom, packHelp, options.Keys);
            var types = StringList(pack, map, "types");

            var leaves = new List<RuleLeaf>();
            LeafCombination combination;
            if (map.Children.ContainsKey(new YamlScalarNode("allOf")) || map.Children.ContainsKey(new YamlScalarNode("anyOf")))
            {
                bool isAll = map.Children.ContainsKey(new YamlScalarNode("allOf"));
                combination = isAll ? LeafCombination.AllOf : LeafCombination.AnyOf;
                foreach (var leafNode in Sequence(pack, map, isAll ? "allOf" : "anyOf"))
                {
                    leaves.Add(ReadLeaf(pack, Mapping(pack, leafNode, "a condition"), types, settings, all, options));
                }
                if (leaves.Count == 0) throw new RulePackException(pack, node.Start, $"rule {id} has an empty condition list");
            }
            else
            {
                combination = LeafCombination.Single;
                leaves.Add(ReadLeaf(pack, map, types, settings, all, options));
            }
            return new DeclarativeRule(descriptor, types, combination, leaves);
        }

        /// <summary>A rule's descriptor; its message may use only <see cref="DeclarativeRule.MessagePlaceholders"/>.</summary>
        private static RuleDescriptor ReadDescriptor(string pack, YamlNode node, YamlMappingNode map, string id, Func<string, string>? helpUri, bool custom, string? packHelp, IEnumerable<string> optionNames)
        {
            string? link = custom ? CustomPacks.CheckRule(pack, map, id, OptionalString(map, "helpUri"), packHelp) : helpUri?.Invoke(id);
            if (!custom && !RuleIdentifiers.IsWellFormed(id)) throw new RulePackException(pack, node.Start, $"rule id '{id}' is not CL followed by four digits");
            var severityText = RequiredString(pack, map, "severity");
            if (!SeverityNames.TryParse(severityText, out var severity) || severity == Severity.None)
            {
                throw new RulePackException(pack, map.Children[new YamlScalarNode("severity")].Start, $"unknown severity '{severityText}'; expected error, warning, suggestion or info");
            }
            RuleDescriptor descriptor;
            try
            {
                descriptor = new RuleDescriptor(
                    id,
                    RequiredString(pack, map, "name"),
                    RequiredString(pack, map, "title"),
                    RequiredString(pack, map, "message"),
                    RequiredString(pack, map, "category"),
                    severity,
                    OptionalString(map, "description") ?? string.Empty,
                    custom ? OptionalString(map, "source") ?? $"custom rule pack {pack}" : RequiredString(pack, map, "source"),
                    StringList(pack, map, "tags"),
                    link);
            }
            catch (ArgumentException ex)
            {
                throw new RulePackException(pack, map.Children[new YamlScalarNode("message")].Start, ex.Message);
            }
            // A message may also name a rule option, {minLength}, to state the threshold in force.
            var known = DeclarativeRule.MessagePlaceholders.Concat(optionNames).ToList();
            var unknown = descriptor.Message.UnknownPlaceholders(known);
            if (unknown.Count > 0)
            {
                throw new RulePackException(pack, map.Children[new YamlScalarNode("message")].Start,
                    $"rule {id}: unknown message placeholder {{{unknown[0]}}}; expected one of {string.Join(", ", known.Select(p => "{" + p + "}"))}");
            }
            return descriptor;
        }

        private static RuleLeaf ReadLeaf(string pack, YamlMappingNode map, IReadOnlyCollection<string>? types, Dictionary<string, SettingDefinition> settings, List<SettingDefinition> all, Dictionary<string, RuleOptionDeclaration> options)
        {
            SettingDefinition setting;
            var settingId = OptionalString(map, "setting");
            var property = OptionalString(map, "property");
            if (settingId != null)
            {
                if (!settings.TryGetValue(settingId, out setting!))
                {
                    throw new RulePackException(pack, map.Children[new YamlScalarNode("setting")].Start, $"unknown setting '{settingId}'; declare it under 'settings:'");
                }
            }
            else if (property != null)
            {
                // `property:` is shorthand for a setting with one property form on the rule's types.
                string synthetic = "property:" + property + (types == null ? string.Empty : "@" + string.Join(",", types.OrderBy(t => t, StringComparer.Ordinal)));
                if (!settings.TryGetValue(synthetic, out setting!))
                {
                    setting = new SettingDefinition(synthetic, property);
                    setting.Forms.Add(new FormDefinition(setting, "property", property, types, null));
                    settings.Add(synthetic, setting);
                    all.Add(setting);
                }
            }
            else
            {
                throw new RulePackException(pack, map.Start, "a condition needs 'setting:' (a declared setting) or 'property:' (a property path)");
            }

            if (!map.Children.TryGetValue(new YamlScalarNode("when"), out var whenNode))
            {
                throw new RulePackException(pack, map.Start, "a condition needs 'when:' (missing, missingOrEmpty, or a mapping of operators)");
            }
            return new RuleLeaf(setting, ReadCondition(pack, whenNode, options));
        }

        private static ValueCondition ReadCondition(string pack, YamlNode node, Dictionary<string, RuleOptionDeclaration> options)
        {
            if (node is YamlScalarNode scalar)
            {
                return scalar.Value switch
                {
                    "missing" => new ValueCondition(PresenceTest.Missing),
                    "missingOrEmpty" => new ValueCondition(PresenceTest.MissingOrEmpty),
                    _ => throw new RulePackException(pack, node.Start, $"unknown condition '{scalar.Value}'; expected missing, missingOrEmpty, or a mapping such as {{ equals: false }}"),
                };
            }
            var map = Mapping(pack, node, "a condition");
            var condition = new ValueCondition(PresenceTest.Value);
            foreach (var kv in map.Children)
            {
                var op = ((YamlScalarNode)kv.Key).Value ?? string.Empty;
                try
                {
                    condition.Add(op, kv.Value is YamlMappingNode operand ? ReadOptionOperand(pack, operand, options) : ToObject(kv.Value));
                }
                catch (FormatException ex)
                {
                    throw new RulePackException(pack, kv.Key.Start, ex.Message);
                }
                catch (ArgumentException ex)
                {
                    throw new RulePackException(pack, kv.Value.Start, ex.Message);
                }
            }
            if (!condition.Operators.Any()) throw new RulePackException(pack, node.Start, "a condition needs at least one operator");
            return condition;
        }

        /// <summary>An operand that names a rule option: <c>{ option: name, times: 60 }</c> or <c>{ option: name, unit: P1D }</c>.</summary>
        public static OptionOperand ReadOptionOperand(string pack, YamlMappingNode map, IReadOnlyDictionary<string, RuleOptionDeclaration> options)
        {
            foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
            {
                if (key.Value != "option" && key.Value != "times" && key.Value != "unit") throw new RulePackException(pack, key.Start, $"unknown operand key '{key.Value}'; expected option, times or unit");
            }
            string name = RequiredString(pack, map, "option");
            if (!options.TryGetValue(name, out var option))
            {
                throw new RulePackException(pack, map.Children[new YamlScalarNode("option")].Start, $"unknown option '{name}'; declare it under 'options:'" + (options.Count == 0 ? string.Empty : $" (declared: {string.Join(", ", options.Keys)})"));
            }
            double times = 1;
            var timesText = OptionalString(map, "times");
            if (timesText != null && !ValueCondition.TryNumber(timesText, out times)) throw new RulePackException(pack, map.Children[new YamlScalarNode("times")].Start, $"'times' must be a number, got '{timesText}'");
            TimeSpan? unit = null;
            var unitText = OptionalString(map, "unit");
            if (unitText != null)
            {
                if (!ValueCondition.TryDuration(unitText, out var parsed)) throw new RulePackException(pack, map.Children[new YamlScalarNode("unit")].Start, $"'unit' must be an ISO 8601 duration such as P1D, got '{unitText}'");
                unit = parsed;
            }
            return new OptionOperand(option, times, unit);
        }

        private static object? ToObject(YamlNode node) => node switch
        {
            YamlScalarNode s when s.Style == ScalarStyle.Plain && (s.Value == "null" || s.Value == "~" || s.Value == "") => null,
            YamlScalarNode s => s.Value,
            YamlSequenceNode seq => seq.Children.Select(ToObject).ToList(),
            _ => node.ToString(),
        };

        private static YamlMappingNode Mapping(string pack, YamlNode node, string what) =>
            node as YamlMappingNode ?? throw new RulePackException(pack, node.Start, $"expected {what} (a mapping)");

        private static IEnumerable<YamlNode> Sequence(string pack, YamlMappingNode map, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node)) return Enumerable.Empty<YamlNode>();
            return node is YamlSequenceNode seq ? seq.Children : throw new RulePackException(pack, node.Start, $"'{key}' must be a list");
        }

        private static string RequiredString(string pack, YamlMappingNode map, string key) =>
            OptionalString(map, key) ?? throw new RulePackException(pack, map.Start, $"missing required key '{key}'");

        private static string? OptionalString(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value) ? s.Value!.Trim() : null;

        private static IReadOnlyCollection<string>? StringList(string pack, YamlMappingNode map, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node)) return null;
            if (node is YamlSequenceNode seq) return seq.Children.Select(c => ((c as YamlScalarNode)?.Value) ?? throw new RulePackException(pack, c.Start, $"'{key}' items must be plain values")).ToList();
            if (node is YamlScalarNode s && s.Value != null) return new[] { s.Value };
            throw new RulePackException(pack, node.Start, $"'{key}' must be a list");
        }

        private static IReadOnlyDictionary<string, string>? StringMap(string pack, YamlMappingNode map, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node)) return null;
            if (node is not YamlMappingNode m) throw new RulePackException(pack, node.Start, $"'{key}' must be a mapping of value: canonical value");
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in m.Children)
            {
                result[((YamlScalarNode)kv.Key).Value ?? string.Empty] = (kv.Value as YamlScalarNode)?.Value ?? throw new RulePackException(pack, kv.Value.Start, $"'{key}' values must be plain");
            }
            return result;
        }
    }
}
