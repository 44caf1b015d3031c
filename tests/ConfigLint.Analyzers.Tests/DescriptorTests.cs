using System.Linq;
using ConfigLint.Core.Model;
using ConfigLint.Rules;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>The Roslyn descriptors are the catalog's rules, one for one, so the build and the CLI describe rules alike.</summary>
    public sealed class DescriptorTests
    {
        [Test]
        public void EveryCatalogRuleHasOneDescriptorWithItsMetadataAndHelpLink()
        {
            // The pack's rules plus the configuration component's diagnostics (settings it cannot read).
            var rules = IntunePack.Create().Descriptors.Concat(ConfigLint.Configuration.ConfigurationDiagnostics.All).OrderBy(r => r.Id, System.StringComparer.Ordinal).ToList();
            var descriptors = new ConfigLintAnalyzer().SupportedDiagnostics;
            Assert.That(descriptors.Select(d => d.Id), Is.EqualTo(rules.Select(r => r.Id)));
            foreach (var rule in rules)
            {
                var d = descriptors.Single(x => x.Id == rule.Id);
                Assert.Multiple(() =>
                {
                    Assert.That(d.Title.ToString(), Is.EqualTo(rule.Title), rule.Id);
                    Assert.That(d.Category, Is.EqualTo(rule.Category), rule.Id);
                    Assert.That(d.Description.ToString(), Is.EqualTo(rule.Description), rule.Id);
                    Assert.That(d.HelpLinkUri, Is.Empty, rule.Id + ": no help link without a configured help base");
                    Assert.That(d.MessageFormat.ToString(), Is.EqualTo("{0}"), rule.Id);
                    Assert.That(d.DefaultSeverity, Is.EqualTo(Expected(rule.DefaultSeverity)), rule.Id);
                    Assert.That(d.IsEnabledByDefault, Is.True, rule.Id);
                    Assert.That(d.CustomTags, Does.Contain("ConfigLint"), rule.Id);
                    // The CLI's SARIF writes the same tags (RuleMetadata), so both channels' logs agree.
                    Assert.That(d.CustomTags.Where(t => t != "ConfigLint" && t != WellKnownDiagnosticTags.CompilationEnd), Is.EqualTo(ConfigLint.Rules.Reporting.RuleMetadata.Tags(rule)), rule.Id);
                });
            }
        }

        [Test]
        public void SecurityAndPrivacyRulesCarryTheirTags()
        {
            var descriptors = new ConfigLintAnalyzer().SupportedDiagnostics;
            Assert.That(descriptors.Single(d => d.Id == "CL1001").CustomTags, Is.SupersetOf(new[] { "security", "privacy", "dpia" }));
            Assert.That(descriptors.Where(d => d.Category == "Security").Select(d => d.CustomTags.Contains("security")), Is.Not.Empty.And.All.True);
        }

        [Test]
        public void TenantRulesAreTaggedCompilationEndAndNoOtherRuleIs()
        {
            // RS1037: the IDE computes compilation-end diagnostics only in full analysis and must know which they are.
            var pack = IntunePack.Create();
            var tenant = pack.TenantRules.SelectMany(r => r.Descriptors).Select(r => r.Id).ToList();
            Assert.That(tenant, Is.Not.Empty);
            var tagged = new ConfigLintAnalyzer().SupportedDiagnostics.Where(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)).Select(d => d.Id);
            // A suppressions file is judged at compilation end too, once every finding was matched against it.
            var suppressionFile = new[] { RuleIdentifiers.SuppressionExpired, RuleIdentifiers.SuppressionUnused, RuleIdentifiers.InvalidSuppressionFile };
            // So are custom packs' problems (CL0025): the packs are read when the compilation starts.
            var customPacks = new[] { ConfigLint.Configuration.ConfigurationDiagnostics.InvalidRulePack.Id };
            Assert.That(tagged, Is.EquivalentTo(tenant.Concat(suppressionFile).Concat(customPacks)));
        }

        private static DiagnosticSeverity Expected(Severity severity) => severity switch
        {
            Severity.Error => DiagnosticSeverity.Error,
            Severity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };
    }
}
