using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ConfigLint.Cli.Commands;
using ConfigLint.Core.Model;
using ConfigLint.Rules;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>Walks the whole catalog so that no reviewer has to: IDs, ranges, help links, docs, fixtures, README.</summary>
    [TestFixture]
    public sealed class CatalogTests
    {
        /// <summary>Rules that no input file can trigger on purpose; each is covered by a unit test instead.</summary>
        private static readonly Dictionary<string, string> NoFixtureNeeded = new Dictionary<string, string>
        {
            [RuleIdentifiers.InternalError] = "raised only when a rule throws; covered by EngineTests.ThrowingRuleBecomesInternalErrorAndRunGoesOn",
            [RuleIdentifiers.InvalidSuppressionFile] = "a broken suppressions file stops a CLI run (exit 2); covered by SuppressionTests.MalformedSuppressionsFileExitsTwoNamingFileAndLine and the analyzer's SuppressionParityTests",
            [RuleIdentifiers.RegexTimeout] = "no built-in rule has a pattern that can time out; covered by CustomPackTests.CatastrophicRegexEndsWithATimeoutDiagnostic",
        };

        public static IEnumerable<RuleDescriptor> Rules() => IntunePack.Create().Descriptors;

        [Test]
        public void IdsAreUnique()
        {
            var ids = Rules().Select(r => r.Id).ToList();
            Assert.That(ids, Is.Unique);
        }

        [Test]
        public void NamesAreUniqueAndDotted()
        {
            var names = Rules().Select(r => r.Name).ToList();
            Assert.That(names, Is.Unique);
            foreach (var name in names) Assert.That(name, Does.Match(@"^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)+$"), name);
        }

        [TestCaseSource(nameof(Rules))]
        public void RuleIsWellFormed(RuleDescriptor rule)
        {
            Assert.That(RuleIdentifiers.IsWellFormed(rule.Id), Is.True);
            Assert.That(PackIdentifiers.CategoryOf(rule.Id), Is.EqualTo(rule.Category), $"{rule.Id} is outside the {rule.Category} range (rules/DiagnosticCategoryAndIdRanges.txt)");
            Assert.That(rule.HelpUri, Is.EqualTo(PackIdentifiers.HelpBaseUri + rule.Id + ".md"));
            Assert.That(rule.Title, Is.Not.Empty);
            Assert.That(rule.MessageFormat, Is.Not.Empty);
            Assert.That(rule.Source, Is.Not.Empty, $"{rule.Id} must say which DPIA item, control or document it implements");
            Assert.That(rule.DefaultSeverity, Is.Not.EqualTo(Severity.None));
        }

        [TestCaseSource(nameof(Rules))]
        public void RuleHasDocPage(RuleDescriptor rule)
        {
            var path = Path.Combine(TestPaths.RepoRoot, "rules", "docs", rule.Id + ".md");
            Assert.That(File.Exists(path), Is.True, $"missing doc page rules/docs/{rule.Id}.md");
            var text = File.ReadAllText(path);
            var firstLine = text.Split('\n')[0].TrimEnd('\r');
            Assert.That(firstLine, Is.EqualTo($"# {rule.Id}: {rule.Name}"), "doc page title line");
            foreach (var heading in new[] { "## Synopsis", "## Why", "## How to fix", "## Non-compliant example", "## Compliant example", "## References" })
            {
                Assert.That(text, Does.Contain(heading), $"rules/docs/{rule.Id}.md lacks '{heading}'");
            }
        }

        [TestCaseSource(nameof(Rules))]
        public void RuleHasPassAndFailFixtures(RuleDescriptor rule)
        {
            if (NoFixtureNeeded.ContainsKey(rule.Id)) Assert.Ignore(NoFixtureNeeded[rule.Id]);
            var dir = Path.Combine(TestPaths.Fixtures, rule.Id);
            Assert.That(Directory.Exists(dir), Is.True, $"missing fixture folder Fixtures/{rule.Id}");
            var names = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).ToList();
            Assert.That(names.Any(n => n!.StartsWith("fail", StringComparison.Ordinal) && !n.EndsWith(".expected", StringComparison.Ordinal)), Is.True, $"{rule.Id} has no fail.* fixture");
            Assert.That(names.Any(n => n!.StartsWith("pass", StringComparison.Ordinal)), Is.True, $"{rule.Id} has no pass.* fixture");
        }

        [Test]
        public void EveryFixtureFolderBelongsToARule()
        {
            var ids = new HashSet<string>(Rules().Select(r => r.Id));
            foreach (var dir in Directory.GetDirectories(TestPaths.Fixtures))
            {
                Assert.That(ids, Does.Contain(Path.GetFileName(dir)), $"fixture folder {Path.GetFileName(dir)} names no rule");
            }
        }

        [Test]
        public void RangesFileListsEveryCategory()
        {
            var text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "rules", "DiagnosticCategoryAndIdRanges.txt"));
            foreach (var (from, to, category) in PackIdentifiers.Ranges)
            {
                Assert.That(text, Does.Contain($"{category}: CL{from:D4}-CL{to:D4}"));
            }
        }

        /// <summary>Roslyn-style release tracking: every rule is listed once, with its category and severity.</summary>
        [Test]
        public void EveryRuleHasAReleaseEntry()
        {
            var rows = new Dictionary<string, string>();
            foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
            {
                foreach (var line in File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "rules", file)))
                {
                    var m = Regex.Match(line, @"^(CL\d{4})\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|");
                    if (!m.Success) continue;
                    Assert.That(rows.ContainsKey(m.Groups[1].Value), Is.False, $"{m.Groups[1].Value} is listed twice in the release files");
                    rows[m.Groups[1].Value] = m.Groups[2].Value + "|" + m.Groups[3].Value;
                }
            }
            foreach (var rule in Rules())
            {
                string roslynSeverity = rule.DefaultSeverity switch { Severity.Error => "Error", Severity.Warning => "Warning", _ => "Info" };
                Assert.That(rows.TryGetValue(rule.Id, out var row), Is.True,
                    $"{rule.Id} has no release entry; add to rules/AnalyzerReleases.Unshipped.md: {rule.Id} | {rule.Category} | {roslynSeverity} | {rule.Name} ({rule.DefaultSeverity.ToName()})");
                Assert.That(row, Is.EqualTo(rule.Category + "|" + roslynSeverity), $"{rule.Id} release entry differs from the catalog");
            }
            Assert.That(rows.Keys.Except(Rules().Select(r => r.Id)), Is.Empty, "release files list rules that do not exist");
        }

        [Test]
        public void ReadmeRuleTableIsGenerated()
        {
            var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")).Replace("\r\n", "\n");
            var match = Regex.Match(readme, "<!-- rules:begin -->\n(.*?)<!-- rules:end -->", RegexOptions.Singleline);
            Assert.That(match.Success, Is.True, "README.md needs the <!-- rules:begin --> / <!-- rules:end --> markers");
            Assert.That(match.Groups[1].Value, Is.EqualTo(RulesCommand.MarkdownTable()),
                "README rule table drifted from the catalog; regenerate it with `configlint rules --format markdown`");
        }
    }
}
