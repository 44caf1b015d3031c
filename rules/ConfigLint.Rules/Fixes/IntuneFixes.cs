using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Fixes;

namespace ConfigLint.Rules.Fixes
{
    /// <summary>
    /// The Intune pack's fixes: the <c>fix:</c> entries of the YAML packs, spelled per form by the writers here, and
    /// any C# <see cref="RuleFix"/> in this assembly. Both front ends build their <see cref="FixEngine"/> here.
    /// </summary>
    public static class IntuneFixes
    {
        private static readonly Lazy<IReadOnlyList<IRuleFix>> Cached = new Lazy<IReadOnlyList<IRuleFix>>(Build, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>How each form spells a value, where keeping the value's JSON kind is not enough.</summary>
        public static IReadOnlyList<IFormValueWriter> Writers { get; } = new IFormValueWriter[] { new SettingsCatalogValueWriter(), new AdmxValueWriter() };

        /// <summary>Every fix of the pack, built once per process.</summary>
        public static IReadOnlyList<IRuleFix> All() => Cached.Value;

        /// <summary>A fix engine over <paramref name="engine"/>, which must run <see cref="IntunePack.Create"/>.</summary>
        public static FixEngine CreateEngine(LintEngine engine, RuleFixOptions? options = null) => new FixEngine(engine, All(), options);

        private static IReadOnlyList<IRuleFix> Build()
        {
            var pack = IntunePack.Create();
            var fixes = new List<IRuleFix>(FixSpecLoader.Bind(FixSpecLoader.Read(IntunePack.YamlPacks()), pack, Writers));
            // The C# fixes are listed at build time (BuiltInPacks.g.cs): no assembly scan, and a trimmed build keeps them.
            fixes.AddRange(BuiltInPacks.RuleFixes());
            return fixes;
        }
    }
}
