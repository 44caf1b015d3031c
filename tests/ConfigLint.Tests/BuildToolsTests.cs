using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Model;
using ConfigLint.Tools;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>The contributor tools (build/tools) on scratch copies of the bookkeeping files.</summary>
    [TestFixture]
    public sealed class BuildToolsTests
    {
        private string _root = null!;
        private RepoLayout _repo = null!;

        [SetUp]
        public void SetUp()
        {
            _root = TestPaths.TempDirectory();
            _repo = new RepoLayout(_root);
            var real = new RepoLayout(TestPaths.RepoRoot);
            File.WriteAllText(Path.Combine(_root, "ConfigLint.sln"), "");
            foreach (var (from, to) in new[] { (real.Readme, _repo.Readme), (real.RangesFile, _repo.RangesFile), (real.ShippedFile, _repo.ShippedFile), (real.UnshippedFile, _repo.UnshippedFile), (Path.Combine(real.Root, BuiltInPackSource.RelativePath), Path.Combine(_root, BuiltInPackSource.RelativePath)) })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to);
            }
            Directory.CreateDirectory(_repo.DocsFolder);
            Directory.CreateDirectory(_repo.FixturesFolder);
        }

        /// <summary>The Privacy ID new-rule hands out next in this checkout (the tests must not break when a real rule takes it).</summary>
        private int NextPrivacy => IdRanges.Parse(RepoLayout.Read(_repo.RangesFile)).Ranges.Single(r => r.Category == "Privacy").Next;

        private string NextId => IdRanges.Format(NextPrivacy);

        [TearDown]
        public void TearDown()
        {
            try { Directory.Delete(_root, true); } catch (IOException) { }
        }

        [Test]
        public void NewRuleWritesTheBookkeepingAndTakesTheNextId()
        {
            var id = NextId;
            var before = IdRanges.Parse(RepoLayout.Read(_repo.RangesFile)).Ranges.ToDictionary(r => r.Category, r => r.Next);
            var output = new StringWriter();
            var written = NewRule.Run(_repo, id, "Privacy.Windows.AdvertisingId", "suggestion", output);

            Assert.That(written, Is.EquivalentTo(new[]
            {
                $"rules/docs/{id}.md",
                $"tests/ConfigLint.Tests/Fixtures/{id}/fail.example.json",
                $"tests/ConfigLint.Tests/Fixtures/{id}/fail.example.expected",
                $"tests/ConfigLint.Tests/Fixtures/{id}/pass.example.json",
                "rules/DiagnosticCategoryAndIdRanges.txt",
                "rules/AnalyzerReleases.Unshipped.md",
            }));
            var after = IdRanges.Parse(RepoLayout.Read(_repo.RangesFile)).Ranges.ToDictionary(r => r.Category, r => r.Next);
            Assert.That(after, Is.EqualTo(before.ToDictionary(p => p.Key, p => p.Key == "Privacy" ? p.Value + 1 : p.Value)), "only Privacy's Next moves, by one");

            var row = $"{id} | Privacy | Info | Privacy.Windows.AdvertisingId (suggestion)";
            var rows = RepoLayout.Read(_repo.UnshippedFile).Split('\n');
            Assert.That(rows, Does.Contain(row));
            var ids = rows.Where(r => r.StartsWith("CL", StringComparison.Ordinal)).Select(r => r.Substring(0, 6)).ToList();
            Assert.That(ids, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "rows stay in ID order");
            Assert.That(File.ReadAllText(Path.Combine(_repo.FixturesFolder, id, "fail.example.json")), Is.Empty);
            Assert.That(RepoLayout.Read(_repo.DocPage(id)), Does.StartWith($"# {id}: Privacy.Windows.AdvertisingId\n"));
            Assert.That(output.ToString(), Does.Contain("update-fixtures " + id));
        }

        [Test]
        public void NewRuleRefusesAnIdOtherThanNextAndNeverOverwrites()
        {
            var id = NextId;
            var ex = Assert.Throws<ToolException>(() => NewRule.Run(_repo, IdRanges.Format(NextPrivacy + 5), "Privacy.Windows.AdvertisingId", "warning", TextWriter.Null));
            Assert.That(ex!.Message, Does.Contain("Next: " + id));
            ex = Assert.Throws<ToolException>(() => NewRule.Run(_repo, id, "Security.Windows.AdvertisingId", "warning", TextWriter.Null));
            Assert.That(ex!.Message, Does.Contain("starts with 'Privacy.'"));
            ex = Assert.Throws<ToolException>(() => NewRule.Run(_repo, id, "Privacy.Windows.AdvertisingId", null, TextWriter.Null));
            Assert.That(ex!.Message, Does.Contain("not in the pack yet"));
            ex = Assert.Throws<ToolException>(() => NewRule.Run(_repo, "CL1001", "Privacy.Windows.DiagnosticDataAboveBasic", null, TextWriter.Null));
            Assert.That(ex!.Message, Does.Contain("not the next Privacy ID"));

            NewRule.Run(_repo, id, "Privacy.Windows.AdvertisingId", "warning", TextWriter.Null);
            File.WriteAllText(_repo.DocPage(id), "mine");
            ex = Assert.Throws<ToolException>(() => NewRule.Run(_repo, id, "Privacy.Windows.AdvertisingId", "warning", TextWriter.Null));
            Assert.That(ex!.Message, Does.Contain("never overwrites"));
            Assert.That(File.ReadAllText(_repo.DocPage(id)), Is.EqualTo("mine"));
        }

        [Test]
        public void AnUnfilledDocSkeletonFailsTheDocCheckAndAFilledOneHasNoProblem()
        {
            var skeleton = RuleDoc.Skeleton("CL1035", "Privacy.Windows.AdvertisingId", "Privacy", Severity.Warning, "Advertising ID is on", "DPIA");
            var problems = RuleDoc.Problems(skeleton, "CL1035", "Privacy.Windows.AdvertisingId", "Advertising ID is on", "Privacy", Severity.Warning);
            Assert.That(problems, Is.EquivalentTo(new[]
            {
                "'## Synopsis' has no text", "'## Why' has no text", "'## How to fix' has no text", "'## Non-compliant example' has no text",
                "'## Compliant example' has no text", "'## References' has no text", "the property table's 'Forms detected' row has no value",
            }));

            var filled = System.Text.RegularExpressions.Regex.Replace(skeleton, "<!-- .*? -->", "Some prose.");
            Assert.That(RuleDoc.Problems(filled, "CL1035", "Privacy.Windows.AdvertisingId", "Advertising ID is on", "Privacy", Severity.Warning), Is.Empty);
            Assert.That(RuleDoc.Problems(filled, "CL1035", "Privacy.Windows.AdvertisingId", "Advertising ID is on", "Privacy", Severity.Error),
                Is.EqualTo(new[] { "the property table says Default severity 'warning', the catalog 'error'" }));
            var swapped = filled.Replace("## Why", "## Tmp").Replace("## How to fix", "## Why").Replace("## Tmp", "## How to fix");
            Assert.That(RuleDoc.Problems(swapped, "CL1035", "Privacy.Windows.AdvertisingId", "Advertising ID is on", "Privacy", Severity.Warning),
                Has.Some.Contains("out of order"));
        }

        [Test]
        public void UnshippedRowsAreTheCatalogMinusTheShippedReleases()
        {
            var shipped = ReleaseTracking.ReadShipped(
                "## Release 0.1.0\n\n### New Rules\n\nRule ID | Category | Severity | Notes\n--------|----------|----------|-------\n" +
                "CL1001 | Privacy | Warning | x\nCL1002 | Privacy | Warning | x\nCL1003 | Privacy | Info | x\n\n" +
                "## Release 0.2.0\n\n### Removed Rules\n\nRule ID | Category | Severity | Notes\n--------|----------|----------|-------\nCL1003 | Privacy | Info | x\n");
            var catalog = new[]
            {
                new CatalogRule("CL1001", "Privacy.A", "Privacy", Severity.Warning),
                new CatalogRule("CL1002", "Privacy.B", "Privacy", Severity.Error),
                new CatalogRule("CL1004", "Privacy.D", "Privacy", Severity.Suggestion),
            };
            var text = ReleaseTracking.Unshipped(catalog, shipped);
            Assert.That(text, Does.EndWith(
                "\n### New Rules\n\nRule ID | Category | Severity | Notes\n--------|----------|----------|-------\nCL1004 | Privacy | Info | Privacy.D (suggestion)\n" +
                "\n### Changed Rules\n\nRule ID | New Category | New Severity | Old Category | Old Severity | Notes\n--------|--------------|--------------|--------------|--------------|-------\n" +
                "CL1002 | Privacy | Error | Privacy | Warning | Privacy.B (error)\n"));

            var removed = ReleaseTracking.Unshipped(catalog.Take(2).Select(r => r with { Severity = Severity.Warning }), ReleaseTracking.ReadShipped(
                "## Release 0.1.0\n\n### New Rules\n\nRule ID | Category | Severity | Notes\n--------|----------|----------|-------\nCL1001 | Privacy | Warning | x\nCL1002 | Privacy | Warning | x\nCL1003 | Privacy | Info | x\n"));
            Assert.That(removed, Does.EndWith("\n### Removed Rules\n\nRule ID | Category | Severity | Notes\n--------|----------|----------|-------\nCL1003 | Privacy | Info | removed\n"));
            Assert.That(IdRanges.Parse("Privacy: CL1001-CL1999\nNext: CL1005\n").ExpectedNext(new[] { "CL1001", "CL1004" })["Privacy"], Is.EqualTo(1005),
                "a shipped rule that was removed keeps its ID");
        }

        [Test]
        public void ReadmeTableIsReplacedBetweenItsMarkersOnly()
        {
            var readme = "# X\n\nbefore\n<!-- rules:begin -->\n| old |\n<!-- rules:end -->\nafter\n";
            Assert.That(ReadmeRuleTable.Apply(readme, "| new |\n"), Is.EqualTo("# X\n\nbefore\n<!-- rules:begin -->\n| new |\n<!-- rules:end -->\nafter\n"));
            Assert.Throws<ToolException>(() => ReadmeRuleTable.Apply("no markers", "| new |\n"));
        }

        [Test]
        public void GenerateRewritesADriftedTableAndCheckReportsIt()
        {
            var catalog = CatalogRule.FromPack();
            Assert.That(Bookkeeping.Generate(_repo, catalog, check: true), Is.Empty, "the checkout's files are generated");
            File.WriteAllText(_repo.Readme, File.ReadAllText(_repo.Readme).Replace("| Windows diagnostic data is above Basic/Required |", "| Edited by hand |"));
            Assert.That(Bookkeeping.Generate(_repo, catalog, check: true), Is.EqualTo(new[] { "README.md" }));
            Assert.That(Bookkeeping.Generate(_repo, catalog, check: false), Is.EqualTo(new[] { "README.md" }));
            Assert.That(Bookkeeping.Generate(_repo, catalog, check: true), Is.Empty);
        }
    }
}
