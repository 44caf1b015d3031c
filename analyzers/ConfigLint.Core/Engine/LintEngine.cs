using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// The compiled form of a rule pack: rules indexed by the settings and types they can fire on, so that each
    /// resource runs only the rules that can apply to it. Immutable and shared by all threads of a run.
    /// </summary>
    public sealed class LintEngine
    {
        internal readonly Dictionary<(string Form, string Key), List<FormDefinition>> FormsByKey = new Dictionary<(string, string), List<FormDefinition>>();
        internal readonly Dictionary<string, List<FormDefinition>> PropertyFormsByType = new Dictionary<string, List<FormDefinition>>(StringComparer.OrdinalIgnoreCase);
        internal readonly List<FormDefinition> UntypedPropertyForms = new List<FormDefinition>();
        internal readonly Dictionary<SettingDefinition, List<DeclarativeRule>> ValueRulesBySetting = new Dictionary<SettingDefinition, List<DeclarativeRule>>();
        internal readonly List<DeclarativeRule> ScanRules = new List<DeclarativeRule>();

        public LintEngine(RulePack pack, LintOptions? options = null)
        {
            Pack = pack;
            Options = options ?? new LintOptions();

            var usedSettings = new HashSet<SettingDefinition>(pack.DeclarativeRules.SelectMany(r => r.Leaves).Select(l => l.Setting));
            foreach (var setting in usedSettings)
            {
                foreach (var form in setting.Forms)
                {
                    if (form.Form == RulePack.PropertyForm)
                    {
                        if (form.Types == null)
                        {
                            UntypedPropertyForms.Add(form);
                            continue;
                        }
                        foreach (var type in form.Types) Add(PropertyFormsByType, type, form);
                        continue;
                    }
                    Add(FormsByKey, (form.Form, pack.ExtractorsByForm[form.Form].NormalizeKey(form.Key)), form);
                }
            }

            foreach (var rule in pack.DeclarativeRules)
            {
                if (rule.NeedsTypeScan) ScanRules.Add(rule);
                else Add(ValueRulesBySetting, rule.Leaves[0].Setting, rule);
            }
        }

        public RulePack Pack { get; }
        public LintOptions Options { get; }
        public IReadOnlyList<RuleDescriptor> Rules => Pack.Descriptors;

        /// <summary>Starts a run; feed it files (from any thread) and call <see cref="LintRun.Complete()"/> once.</summary>
        public LintRun StartRun() => new LintRun(this);

        /// <summary>Starts a run whose evaluator tells <paramref name="listener"/> which rules ran on each resource.</summary>
        public LintRun StartRun(IRuleEvaluationListener listener) => new LintRun(this, listener);

        private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = new List<TValue>();
            if (!list.Contains(value)) list.Add(value);
        }
    }
}
