using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Model;
using ConfigLint.Rules;

namespace ConfigLint.Tools
{
    /// <summary>What the bookkeeping files say about a rule: its ID, name, category and default severity.</summary>
    public sealed record CatalogRule(string Id, string Name, string Category, Severity Severity)
    {
        /// <summary>The release-tracking severity: Roslyn knows Error, Warning and Info (our suggestion and info are both Info).</summary>
        public string RoslynSeverity => Severity switch
        {
            Severity.Error => "Error",
            Severity.Warning => "Warning",
            _ => "Info",
        };

        public static CatalogRule Of(RuleDescriptor rule) => new CatalogRule(rule.Id, rule.Name, rule.Category, rule.DefaultSeverity);

        /// <summary>
        /// The Intune pack's rules and the configuration component's diagnostics (both are reported, in the CLI and
        /// the build, so both are catalogued and release-tracked), in ID order.
        /// </summary>
        public static IReadOnlyList<CatalogRule> FromPack() =>
            BuiltInPackSource.SourcePack().Descriptors.Concat(ConfigLint.Configuration.ConfigurationDiagnostics.All).Select(Of).OrderBy(r => r.Id, System.StringComparer.Ordinal).ToList();
    }
}
