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
