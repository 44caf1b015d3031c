using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Configuration;
using ConfigLint.Core.Model;
using ConfigLint.Rules;
using ConfigLint.Tools;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// Walks the whole catalog so that no reviewer has to: names, ranges and the Next IDs, help links, docs, fixtures,
    /// and the files generated from the catalog (README table, release rows), which must be what build/tools writes.
    /// </summary>
    [TestFixture]
    public sealed class CatalogTests
    {
        /// <summary>Rules that no input file can trigger on purpose, each with the test that covers it instead.</summary>
        private static readonly Dictionary<string, string> NoFixtureNeeded = new Dictionary<string, string>
        {
            // Raised only when a rule throws.
            [RuleIdentifiers.InternalError] = nameof(EngineTests.ThrowingRuleBecomesInternalErrorAndRunGoesOn),
            // Git cannot hold a FIFO.
            [RuleIdentifiers.NotARegularFile] = nameof(InputWalkTests.AFifoAndTwoSymlinkLoopsFinishInUnderASecondAndEachFileIsLintedOnce),
            // A configuration problem, not an export's; the two-channel SeverityParityTests cover it too.
            [ConfigurationDiagnostics.InvalidSetting.Id] = nameof(ConfigurationTests),
            // A settings-file problem, not an export's.
            [ConfigurationDiagnostics.InvalidSettingsFile.Id] = nameof(SettingsTests),
            // A broken suppressions file stops a CLI run (exit 2); the analyzer's SuppressionParityTests cover its channel.
            [RuleIdentifiers.InvalidSuppressionFile] = nameof(SuppressionTests.MalformedSuppressionsFileExitsTwoNamingFileAndLine),
            // Reported by the analyzer only, for custom rules (TenantRootAndPackParityTests in ConfigLint.Analyzers.Tests).
            [ConfigurationDiagnostics.CustomRule.Id] = nameof(CustomPackTests),
            // A broken custom pack stops a CLI run (exit 2); the analyzer's TenantRootAndPackParityTests cover its channel.
            [ConfigurationDiagnostics.InvalidRulePack.Id] = nameof(CustomPackTests.ABrokenPackNamedInTheSettingsFileExitsTwoNamingFileAndLine),
            // No built-in rule has a pattern that can time out.
            [RuleIdentifiers.RegexTimeout] = nameof(CustomPackTests.CatastrophicRegexEndsWithATimeoutDiagnostic),
        };

        private const string Generate = "`dotnet run --project build/tools -- generate`";

        // The pack's rules and the configuration component's diagnostics: both are reported, so both are catalogued.
        public static IEnumerable<RuleDescriptor> Rules() => IntunePack.Create().Descriptors.Concat(ConfigurationDiagnostics.All);

        public static IEnumerable<RuleDescriptor> RulesWithFixtures() => Rules().Where(r => !NoFixtureNeeded.ContainsKey(r.Id));

        private static RepoLayout Repo => new RepoLayout(TestPaths.RepoRoot);

        private static IdRanges Ranges() => IdRanges.Parse(RepoLayout.Read(Repo.RangesFile));

        [Test]
        public void NamesAreUniqueAndDotted()
        {
            // IDs need no such test: the pack refuses to load with a duplicate ID (RulePack's constructor).
            var names = Rules().Select(r => r.Name).ToList();
            Assert.That(names, Is.Unique);
            foreach (var name in names) Assert.That(name, Does.Match(@"^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)+$"), name);
        }

        [TestCaseSource(nameof(Rules))]
        public void RuleIsWellFormed(RuleDescriptor rule)
        {
            var range = Ranges().RangeOf(rule.Id);
            Assert.That(range?.Category, Is.EqualTo(rule.Category), $"{rule.Id} is outside the {rule.Category} range (rules/DiagnosticCategoryAndIdRanges.txt)");
            Assert.That(rule.Name, Does.StartWith(rule.Category + "."), "a rule's name starts with its category");
            Assert.That(rule.Title, Is.Not.Empty);
            Assert.That(rule.MessageFormat, Is.Not.Empty);
            Assert.That(rule.Source, Is.Not.Empty, $"{rule.Id} must say which DPIA item, control or document it implements");
            Assert.That(rule.DefaultSeverity, Is.Not.EqualTo(Severity.None));
        }

        /// <summary>The help link every front end shows leads to this rule's page in this repository.</summary>
        [TestCaseSource(nameof(Rules))]
        public void HelpUriNamesTheRulesDocPage(RuleDescriptor rule)
        {
            Assert.That(Uri.TryCreate(rule.HelpUri, UriKind.Absolute, out var uri), Is.True, rule.HelpUri);
            Assert.That(uri!.Scheme, Is.EqualTo("https"), rule.HelpUri);
            var page = $"rules/docs/{rule.Id}.md";
            Assert.That(uri.AbsolutePath, Does.EndWith("/" + page), rule.HelpUri);
            Assert.That(File.Exists(Path.Combine(TestPaths.RepoRoot, page)), Is.True, $"{rule.HelpUri} points at {page}, which does not exist");
        }

        [TestCaseSource(nameof(Rules))]
        public void RuleHasDocPage(RuleDescriptor rule)
        {
            var path = Repo.DocPage(rule.Id);
            Assert.That(File.Exists(path), Is.True, $"missing doc page rules/docs/{rule.Id}.md; `dotnet run --project build/tools -- new-rule {rule.Id} {rule.Name}` writes its skeleton");
            var problems = RuleDoc.Problems(File.ReadAllText(path), rule.Id, rule.Name, rule.Title, rule.Category, rule.DefaultSeverity);
            Assert.That(problems, Is.Empty, $"rules/docs/{rule.Id}.md:\n  {string.Join("\n  ", problems)}");
        }

        [Test]
        public void EveryDocPageBelongsToARule()
        {
            var ids = new HashSet<string>(Rules().Select(r => r.Id));
            var orphans = Directory.GetFiles(Repo.DocsFolder, "*.md").Select(Path.GetFileNameWithoutExtension).Where(id => !ids.Contains(id!)).ToList();
            Assert.That(orphans, Is.Empty, "doc pages for rules the pack does not have");
        }

        [TestCaseSource(nameof(RulesWithFixtures))]
        public void RuleHasPassAndFailFixtures(RuleDescriptor rule)
        {
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
            Assert.That(Ranges().Ranges.Select(r => (r.From, r.To, r.Category)), Is.EquivalentTo(PackIdentifiers.Ranges),
                "rules/DiagnosticCategoryAndIdRanges.txt and PackIdentifiers.Ranges list different ranges");
        }

        /// <summary>Next is the ID new-rule hands out: one past the highest ever used, so no ID is taken twice or skipped.</summary>
        [Test]
        public void NextIdIsOnePastTheHighestUsedId()
        {
            var ranges = Ranges();
            var expected = ranges.ExpectedNext(Bookkeeping.UsedIds(Repo, CatalogRule.FromPack()));
            foreach (var range in ranges.Ranges)
            {
                Assert.That(IdRanges.Format(range.Next), Is.EqualTo(IdRanges.Format(expected[range.Category])),
                    $"rules/DiagnosticCategoryAndIdRanges.txt: {range.Category} says Next: {IdRanges.Format(range.Next)}; `new-rule` bumps it when it adds a rule");
            }
        }

        /// <summary>Roslyn-style release tracking: the unshipped rows are the catalog minus what the shipped file lists.</summary>
        [Test]
        public void ReleaseRowsAreGenerated()
        {
            var expected = Bookkeeping.ExpectedUnshipped(Repo, CatalogRule.FromPack());
            AssertSameText(RepoLayout.Read(Repo.UnshippedFile), expected, $"rules/AnalyzerReleases.Unshipped.md drifted from the catalog; regenerate it with {Generate}");
        }

        [Test]
        public void ReadmeRuleTableIsGenerated()
        {
            AssertSameText(RepoLayout.Read(Repo.Readme), Bookkeeping.ExpectedReadme(Repo), $"the README rule table drifted from the catalog; regenerate it with {Generate}");
        }

        /// <summary>Compares two texts and names the first line that differs, so a drift is found without a diff tool.</summary>
        private static void AssertSameText(string actual, string expected, string message)
        {
            if (actual == expected) return;
            var a = actual.Split('\n');
            var e = expected.Split('\n');
            int i = 0;
            while (i < a.Length && i < e.Length && a[i] == e[i]) i++;
            Assert.Fail($"{message}\nfirst difference at line {i + 1}:\n  committed: {(i < a.Length ? a[i] : "(end of file)")}\n  generated: {(i < e.Length ? e[i] : "(end of file)")}");
        }
    }
}
