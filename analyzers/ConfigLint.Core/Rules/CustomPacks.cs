using System;
using YamlDotNet.RepresentationModel;

namespace ConfigLint.Core.Rules
{
    /// <summary>The checks a user's rule pack gets on top of the built-in packs' (see <see cref="RulePackLoader.Load"/>).</summary>
    internal static class CustomPacks
    {
        /// <summary>A custom rule's doc link: its own <c>helpUri</c>, else the pack's with <c>{id}</c> replaced. Throws when the ID or link is not acceptable.</summary>
        public static string CheckRule(string pack, YamlMappingNode rule, string id, string? ruleHelp, string? packHelp)
        {
            var idNode = rule.Children[new YamlScalarNode("id")];
            if (Model.RuleIdentifiers.IsWellFormed(id) || id.StartsWith("CL", StringComparison.Ordinal))
            {
                throw new RulePackException(pack, idNode.Start, $"rule id '{id}' uses ConfigLint's own CL prefix; give custom rules a prefix of your own, e.g. ACME001");
            }
            if (!Model.RuleIdentifiers.IsCustom(id))
            {
                throw new RulePackException(pack, idNode.Start, $"rule id '{id}' is not an upper-case prefix (2 to 10 letters) followed by 1 to 6 digits, e.g. ACME001");
            }
            string? help = ruleHelp ?? packHelp?.Replace("{id}", id);
            if (help == null) throw new RulePackException(pack, rule.Start, $"rule {id} needs a doc link: 'helpUri' on the rule, or on the pack with {{id}} in it");
            if (!Uri.TryCreate(help, UriKind.Absolute, out _)) throw new RulePackException(pack, rule.Start, $"rule {id}: helpUri '{help}' is not an absolute URI");
            return help;
        }

        // A tag could ask for a type (!!python/object and the like); a custom pack is plain data only.
        public static void RejectTags(string pack, YamlNode node)
        {
            var tagged = FirstTagged(node);
            if (tagged != null) throw new RulePackException(pack, tagged.Start, $"YAML tags are not allowed in a rule pack ({tagged.Tag})");
        }

        /// <summary>The first node (in document order) that carries an explicit YAML tag, or null for plain data.</summary>
        public static YamlNode? FirstTagged(YamlNode node)
        {
            if (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific) return node;
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var kv in map.Children)
                    {
                        var tagged = FirstTagged(kv.Key) ?? FirstTagged(kv.Value);
                        if (tagged != null) return tagged;
                    }
                    break;
                case YamlSequenceNode seq:
                    foreach (var child in seq.Children)
                    {
                        var tagged = FirstTagged(child);
                        if (tagged != null) return tagged;
                    }
                    break;
            }
            return null;
        }
    }
}
