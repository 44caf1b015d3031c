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

        /// <param name="pack">The rules.</param>
        /// <param name="options">The run's rule options (thresholds); null: every option at its pack default.</param>
        public LintEngine(RulePack pack, RuleOptions? options = null)
        {
            Pack = pack;
            Options = options ?? RuleOptions.Defaults(pack.Options);
            if (Options.Declarations.Count > 0 && !Options.Declarations.SequenceEqual(pack.Options)) throw new ArgumentException("the options were made for another pack's declarations", nameof(options));

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

        /// <summary>The rule options in force: what conditions, messages and C# rules read as thresholds.</summary>
        public RuleOptions Options { get; }
        public IReadOnlyList<RuleDescriptor> Rules => Pack.Descriptors;

        /// <summary>Starts a run; feed it files (from any thread) and call <see cref="LintRun.Complete()"/> once.</summary>
        /// <param name="listener">
        /// Told which rules ran on each resource (concurrently, from the workers), for reports that list what passed as
        /// well as what failed (JUnit, audits); null, the default, costs nothing.
        /// </param>
        public LintRun StartRun(IRuleEvaluationListener? listener = null) => new LintRun(this, listener);

        private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = new List<TValue>();
            if (!list.Contains(value)) list.Add(value);
        }
    }
}
