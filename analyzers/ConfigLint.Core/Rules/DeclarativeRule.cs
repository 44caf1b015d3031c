using System;
using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Rules
{
    /// <summary>One test of one logical setting inside a rule.</summary>
    public sealed class RuleLeaf
    {
        public RuleLeaf(SettingDefinition setting, ValueCondition when)
        {
            Setting = setting;
            When = when;
        }

        public SettingDefinition Setting { get; }
        public ValueCondition When { get; }
    }

    public enum LeafCombination
    {
        /// <summary>One leaf; one finding per matching occurrence.</summary>
        Single,
        AllOf,
        AnyOf,
    }

    /// <summary>A rule written in YAML: a descriptor, optional resource types, and leaves over logical settings.</summary>
    public sealed class DeclarativeRule
    {
        /// <summary>
        /// What a declarative rule's message may say: the occurrence's <c>{value}</c> as written and its <c>{canonical}</c>
        /// value, the <c>{form}</c> it was written in, the <c>{setting}</c>'s title, the <c>{resource}</c> and its <c>{type}</c>.
        /// </summary>
        public static readonly IReadOnlyList<string> MessagePlaceholders = new[] { "value", "canonical", "form", "setting", "resource", "type" };

        public DeclarativeRule(RuleDescriptor descriptor, IReadOnlyCollection<string>? types, LeafCombination combination, IReadOnlyList<RuleLeaf> leaves)
        {
            Descriptor = descriptor;
            Types = types == null || types.Count == 0 ? null : new HashSet<string>(types, StringComparer.OrdinalIgnoreCase);
            Combination = combination;
            Leaves = leaves;
        }

        public RuleDescriptor Descriptor { get; }
        public HashSet<string>? Types { get; }
        public LeafCombination Combination { get; }
        public IReadOnlyList<RuleLeaf> Leaves { get; }

        public bool AppliesTo(string? type) => Types == null || (type != null && Types.Contains(type));

        /// <summary>True when the rule can fire without any setting present, so it must run per resource type.</summary>
        public bool NeedsTypeScan => Combination != LeafCombination.Single || Leaves[0].When.Presence != PresenceTest.Value;
    }
}
