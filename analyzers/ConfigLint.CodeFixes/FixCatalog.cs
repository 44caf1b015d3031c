using System;
using System.Collections.Immutable;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Fixes;
using ConfigLint.Rules;
using ConfigLint.Rules.Fixes;

namespace ConfigLint.CodeFixes
{
    /// <summary>The Intune pack's fix engine, built once per process; a pack that fails to load offers no fixes.</summary>
    internal sealed class FixCatalog
    {
        private static readonly Lazy<FixCatalog> Shared = new Lazy<FixCatalog>(Load, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

        private FixCatalog(FixEngine? fixer)
        {
            Fixer = fixer;
            FixableIds = fixer == null ? ImmutableArray<string>.Empty : fixer.Fixes.Keys.OrderBy(k => k, StringComparer.Ordinal).ToImmutableArray();
        }

        public static FixCatalog Instance => Shared.Value;

        public FixEngine? Fixer { get; }

        /// <summary>The property the analyzer sets on a diagnostic when the rule options in force differ from the defaults.</summary>
        public const string OptionsProperty = "ConfigLintOptions";

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FixEngine> _withOptions = new System.Collections.Concurrent.ConcurrentDictionary<string, FixEngine>(StringComparer.Ordinal);

        /// <summary>
        /// The fix engine for the rule options a diagnostic was reported with (its <see cref="OptionsProperty"/>), so the
        /// fix re-lints with the same thresholds and writes a value that meets them; the default engine without options.
        /// </summary>
        public FixEngine? FixerFor(Microsoft.CodeAnalysis.Diagnostic? diagnostic)
        {
            if (Fixer == null || diagnostic == null || !diagnostic.Properties.TryGetValue(OptionsProperty, out var text) || string.IsNullOrEmpty(text)) return Fixer;
            return _withOptions.GetOrAdd(text!, t =>
            {
                var pack = Fixer.Engine.Pack;
                return IntuneFixes.CreateEngine(new LintEngine(pack, ConfigLint.Core.Rules.RuleOptions.Deserialize(pack.Options, t)));
            });
        }

        public ImmutableArray<string> FixableIds { get; }

        private static FixCatalog Load()
        {
            try
            {
                return new FixCatalog(IntuneFixes.CreateEngine(new LintEngine(IntunePack.Create())));
            }
            catch (Exception)
            {
                // The analyzer reports a broken pack (CL9001); a code fix provider has no channel to say it again.
                return new FixCatalog(null);
            }
        }
    }
}
