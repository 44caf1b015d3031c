using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Rules;
using ConfigLint.Rules.Extractors;
using ConfigLint.Rules.Typing;

namespace ConfigLint.Rules
{
    /// <summary>The Intune rule pack: export typing, setting extractors, the YAML packs and the C# rules.</summary>
    public static class IntunePack
    {
        private const string ResourcePrefix = "ConfigLint.Rules.Packs.";

        private static readonly Lazy<RulePack> Cached = new Lazy<RulePack>(Build, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The pack, built once per process (the packs are embedded, so no file IO is needed).</summary>
        public static RulePack Create() => Cached.Value;

        /// <summary>
        /// The pack for a run whose settings declare tenant roots: the same rules, a typer that knows the roots.
        /// </summary>
        public static RulePack Create(ExportLayout layout) => Create(Cached.Value, layout);

        /// <summary><paramref name="shared"/>'s rules (built-in and custom) with a typer that knows the declared tenant roots.</summary>
        public static RulePack Create(RulePack shared, ExportLayout layout)
        {
            var declarative = new LoadedPack();
            declarative.Settings.AddRange(shared.Settings);
            declarative.Rules.AddRange(shared.DeclarativeRules);
            declarative.Options.AddRange(shared.Options);
            return new RulePack(new IntuneTyper(layout), shared.Extractors, declarative, shared.ResourceRules, shared.TenantRules, shared.Shape);
        }

        /// <summary>The embedded YAML packs, by file name.</summary>
        public static IReadOnlyList<(string Name, string Text)> YamlPacks()
        {
            var assembly = typeof(IntunePack).Assembly;
            return assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n =>
                {
                    using var stream = assembly.GetManifestResourceStream(n)!;
                    using var reader = new StreamReader(stream);
                    return (n.Substring(ResourcePrefix.Length), reader.ReadToEnd());
                })
                .ToList();
        }

        /// <summary>
        /// The pack with users' own YAML rule packs added (their settings and conditions share the built-in namespace).
        /// Built afresh on each call; throws <see cref="RulePackException"/> with the file and line of a broken pack.
        /// </summary>
        public static RulePack Create(IReadOnlyList<(string Name, string Text)> customPacks) =>
            customPacks.Count == 0 ? Create() : Build(customPacks);

        // The built-in packs were compiled into C# at build time (BuiltInPacks.g.cs, checked against the YAML by
        // BuiltInPackTests): start-up parses no YAML and scans no types. Users' packs are read by the loader on top of them.
        private static RulePack Build() => Build(BuiltInPacks.Load());

        private static RulePack Build(IReadOnlyList<(string Name, string Text)> customPacks) =>
            Build(RulePackLoader.LoadOver(BuiltInPacks.Load(), customPacks));

        private static RulePack Build(LoadedPack declarative) => Create(declarative, BuiltInPacks.ResourceRules(), BuiltInPacks.TenantRules());

        /// <summary>
        /// The pack over given rules, without the compiled built-ins: the build tools compose it from the sources (the
        /// YAML and the rule classes) when they regenerate BuiltInPacks.g.cs, which may be stale until then.
        /// </summary>
        public static RulePack Create(LoadedPack declarative, IEnumerable<ResourceRule> resourceRules, IEnumerable<TenantRule> tenantRules) => new RulePack(
            new IntuneTyper(),
            new ISettingExtractor[] { new SettingsCatalogExtractor(), new OmaUriExtractor(), new AdmxExtractor() },
            declarative,
            resourceRules,
            tenantRules,
            ExportDocumentShape.Instance);
    }
}
