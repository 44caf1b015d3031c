using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AngleSharp.Html.Parser;
using ConfigLint.Cli;
using ConfigLint.Cli.Audit;
using ConfigLint.Cli.Commands;
using ConfigLint.Core.Model;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// Accepted risks in audits: a suppressed finding is an accepted risk, shown with its justification, owner and expiry,
    /// and not an open finding. The seam (<see cref="ISuppressionSource"/>) with a source of the test's own, and
    /// <c>configlint.suppressions.yaml</c> read by the audit as by <c>lint</c> (<see cref="SuppressionFileSource"/>).
    /// </summary>
    [TestFixture]
    public sealed class AuditSuppressionTests : TempFolderTests
    {
        // Before the base class deletes the folder: pooled connections keep the history files open.
        [TearDown]
        public void ClearSqlitePools() => SqliteConnection.ClearAllPools();

        private sealed class OneSuppression : ISuppressionSource
        {
            private readonly AcceptedRisk _risk;
            private readonly Func<Finding, bool> _matches;

            public OneSuppression(AcceptedRisk risk, Func<Finding, bool> matches)
            {
                _risk = risk;
                _matches = matches;
            }

            public AcceptedRisk? Match(Finding finding) => _matches(finding) ? _risk : null;

            public IReadOnlyList<AcceptedRisk> Entries => new[] { _risk };
        }

        [Test]
        public void ASuppressedFindingIsAnAcceptedRiskWithItsJustificationOwnerAndExpiry()
        {
            Write(Path.Combine("fabrikam", "Workstations.json"), "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"id\": \"w-1\",\n  \"displayName\": \"Workstations\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n");
            Write(Path.Combine("fabrikam", "Kiosks.json"), "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"id\": \"k-1\",\n  \"displayName\": \"Kiosks\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n");
            var risk = new AcceptedRisk { RuleId = "CL1001", Target = "Workstations", Justification = "Legacy <line-of-business> app needs full diagnostics until its upgrade", Owner = "ciso@fabrikam.example", Expires = "2099-03-31" };
            var source = new OneSuppression(risk, f => f.RuleId == "CL1001" && f.Subject?.ResourceName == "Workstations");

            var error = new StringWriter();
            int exit = new AuditCommand(new StringWriter(), error).Run(new[] { Path.Combine(_dir, "fabrikam") }, Path.Combine(_dir, "a.db"), null, Path.Combine(_dir, "out"), _dir, DateTime.UtcNow, source);
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), error.ToString());

            var results = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "out", "results.json")));
            var findings = results["findings"]!.Where(f => (string?)f["ruleId"] == "CL1001").ToDictionary(f => (string)f["policy"]!, f => (string)f["outcome"]!);
            Assert.That(findings, Is.EqualTo(new Dictionary<string, string> { ["Kiosks"] = "fail", ["Workstations"] = "suppressed" }));
            var rule = results["rules"]!.Single(r => (string?)r["id"] == "CL1001");
            Assert.That(((int)rule["fail"]!, (int)rule["suppressed"]!), Is.EqualTo((1, 1)));
            Assert.That((int)results["counts"]!["suppressedFindings"]!, Is.EqualTo(1));
            Assert.That((int)results["acceptedRisks"]![0]!["matched"]!, Is.EqualTo(1));

            var csv = File.ReadAllLines(Path.Combine(_dir, "out", "action-plan.csv"));
            Assert.That(csv.Count(l => l.StartsWith("\"CL1001\"", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(csv.Any(l => l.Contains("\"Workstations\"")), Is.False);

            var html = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_dir, "out", "report.html")));
            var accepted = html.QuerySelector("[data-section=accepted] tbody tr")!;
            Assert.That(accepted.Children.Select(c => c.TextContent), Is.EqualTo(new[] { "CL1001", "Workstations", risk.Justification, risk.Owner, "2099-03-31", "1" }));

            // With the other finding fixed, the only CL1001 finding left is accepted: the DPIA risk is an accepted risk, not met.
            Write(Path.Combine("fabrikam", "Kiosks.json"), "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"id\": \"k-1\",\n  \"displayName\": \"Kiosks\",\n  \"diagnosticsDataSubmissionMode\": \"basic\"\n}\n");
            exit = new AuditCommand(new StringWriter(), error).Run(new[] { Path.Combine(_dir, "fabrikam") }, Path.Combine(_dir, "a.db"), null, Path.Combine(_dir, "out2"), _dir, DateTime.UtcNow, source);
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), error.ToString());
            var second = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "out2", "results.json")));
            Assert.That((string?)second["controls"]!.Single(c => (string?)c["id"] == "DPIA-R5")!["status"], Is.EqualTo(ControlStatus.AcceptedRisk));
            Assert.That(second["changes"]!["fixed"]!.Select(f => (string?)f["policy"]), Is.EqualTo(new[] { "Kiosks" }));
            Assert.That(second["changes"]!["new"]!, Is.Empty);

            Assert.That(MergeCommand.Run(new[] { Path.Combine(_dir, "out2", "results.json") }, Path.Combine(_dir, "merged"), new StringWriter(), error), Is.EqualTo(ExitCodes.Success));
            var sarif = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "merged", "merged.sarif")));
            var suppression = sarif["runs"]![0]!["results"]!.Single(r => (string?)r["ruleId"] == "CL1001")["suppressions"]![0]!;
            Assert.That(((string?)suppression["kind"], (string?)suppression["justification"]), Is.EqualTo(("external", risk.Justification)));
        }

        private const string SuppressionsFile =
            "# accepted risks of fabrikam\n" +
            "suppressions:\n" +
            "  - rule: CL1001\n" +
            "    target: Workstations\n" +
            "    justification: Legacy <line-of-business> app needs full diagnostics until its upgrade\n" +
            "    owner: ciso@fabrikam.example\n" +
            "    expires: WORKSTATIONS\n" +
            "  - rule: CL1001\n" +
            "    target: Kiosks\n" +
            "    justification: Kiosk vendor contract\n" +
            "    owner: it@fabrikam.example\n" +
            "    expires: KIOSKS\n";

        private static string Windows(string name, string id) =>
            "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"id\": \"" + id + "\",\n  \"displayName\": \"" + name + "\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";

        private void WriteFabrikam(string workstationsExpires, string kiosksExpires)
        {
            Write(Path.Combine("fabrikam", "Workstations.json"), Windows("Workstations", "w-1"));
            Write(Path.Combine("fabrikam", "Kiosks.json"), Windows("Kiosks", "k-1"));
            Write(Path.Combine("fabrikam", "configlint.suppressions.yaml"), SuppressionsFile.Replace("WORKSTATIONS", workstationsExpires).Replace("KIOSKS", kiosksExpires));
        }

        private static List<(string Rule, string? File, int? Line)> Where(JToken findings, Func<JToken, bool> filter, string path) =>
            findings.Where(filter).Select(f => ((string)f["ruleId"]!, (string?)f[path], (int?)f["line"])).OrderBy(t => t.Item2).ThenBy(t => t.Item1).ToList();

        [Test]
        public void SuppressionsFileSuppressesTheSameFindingsInAuditAndLintAndAnExpiredEntryIsItsWarning()
        {
            WriteFabrikam("2099-03-31", "2020-01-31");

            var audit = Run("audit", "fabrikam", "--history", "a.db", "--output-dir", "out");
            Assert.That(audit.Exit, Is.EqualTo(ExitCodes.Success), audit.Err);
            var lint = Run("lint", "fabrikam", "--format", "json", "--output", "lint.json", "--fail-level", "none");
            Assert.That(lint.Exit, Is.EqualTo(ExitCodes.Success), lint.Err);

            var results = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "out", "results.json")));
            var linted = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "lint.json")));
            var suppressedInAudit = Where(results["findings"]!, f => (string?)f["outcome"] == "suppressed", "file");
            var suppressedInLint = Where(linted["findings"]!, f => (bool?)f["suppressed"] == true, "path");
            Assert.That(suppressedInAudit, Is.EqualTo(new List<(string, string?, int?)> { ("CL1001", "fabrikam/Workstations.json", 5) }));
            Assert.That(suppressedInLint, Is.EqualTo(suppressedInAudit));

            // The expired entry (the Kiosks one, at line 8) no longer accepts anything: its finding is open, and the
            // entry itself is a CL0020 warning at its line in both, and on the audit's standard error as lint prints it.
            Assert.That(Where(results["findings"]!, f => (string?)f["outcome"] == "fail" && (string?)f["ruleId"] != "CL1009" && (string?)f["ruleId"] != "CL1011" && (string?)f["ruleId"] != "CL1026", "file"),
                Is.EqualTo(new List<(string, string?, int?)> { ("CL0020", "fabrikam/configlint.suppressions.yaml", 8), ("CL1001", "fabrikam/Kiosks.json", 5) }));
            Assert.That(Where(linted["findings"]!, f => (string?)f["ruleId"] == "CL0020", "path"), Is.EqualTo(new List<(string, string?, int?)> { ("CL0020", "fabrikam/configlint.suppressions.yaml", 8) }));
            var expiredWarning = results["findings"]!.Single(f => (string?)f["ruleId"] == "CL0020");
            Assert.That(((string?)expiredWarning["severity"], (int?)expiredWarning["column"]), Is.EqualTo(("warning", 5)));
            Assert.That(audit.Err, Does.Contain("fabrikam/configlint.suppressions.yaml(8,5): warning CL0020: the suppression of CL1001 for 'Kiosks' (owner it@fabrikam.example) expired on 2020-01-31"));

            // The suppressed finding carries the entry's justification, owner, expiry and place in results.json.
            var suppression = results["findings"]!.Single(f => (string?)f["outcome"] == "suppressed")["suppression"]!;
            Assert.That(((string?)suppression["justification"], (string?)suppression["owner"], (string?)suppression["expires"], (string?)suppression["file"], (int?)suppression["line"]),
                Is.EqualTo(("Legacy <line-of-business> app needs full diagnostics until its upgrade", "ciso@fabrikam.example", "2099-03-31", "fabrikam/configlint.suppressions.yaml", 3)));
            Assert.That(results["acceptedRisks"]!.Select(r => ((string?)r["target"], (int?)r["matched"], (bool?)r["expired"])),
                Is.EqualTo(new[] { ("Workstations", (int?)1, (bool?)false), ("Kiosks", (int?)0, (bool?)true) }));
            var rule = results["rules"]!.Single(r => (string?)r["id"] == "CL1001");
            Assert.That(((int)rule["fail"]!, (int)rule["suppressed"]!), Is.EqualTo((1, 1)));

            // The report: the accepted finding under its policy with who accepted it, and both entries in "accepted risks".
            var html = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_dir, "out", "report.html")));
            var accepted = html.QuerySelector("[data-policy=Workstations] .finding.suppressed")!;
            Assert.That(accepted.QuerySelector(".note")!.TextContent, Is.EqualTo("Accepted by ciso@fabrikam.example: Legacy <line-of-business> app needs full diagnostics until its upgrade, until 2099-03-31"));
            var rows = html.QuerySelectorAll("[data-section=accepted] tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToArray()).ToList();
            Assert.That(rows, Has.Count.EqualTo(2));
            Assert.That(rows[0], Is.EqualTo(new[] { "CL1001", "Workstations", "Legacy <line-of-business> app needs full diagnostics until its upgrade", "ciso@fabrikam.example", "2099-03-31", "1" }));
            Assert.That(rows[1], Is.EqualTo(new[] { "CL1001", "Kiosks", "Kiosk vendor contract", "it@fabrikam.example", "2020-01-31 (expired: no longer accepted)", "0" }));
            Assert.That(html.QuerySelector("[data-section=accepted] tr.expired"), Is.Not.Null);
        }

        [Test]
        public void ASuppressionThatExpiresBetweenTwoAuditsIsInTheChangeSection()
        {
            WriteFabrikam("2026-03-31", "2099-12-31");
            string db = Path.Combine(_dir, "a.db");
            var error = new StringWriter();
            var march = new DateTime(2026, 3, 15, 9, 0, 0, DateTimeKind.Utc);
            int exit = new AuditCommand(new StringWriter(), error).Run(new[] { Path.Combine(_dir, "fabrikam") }, db, null, Path.Combine(_dir, "q1"), _dir, march);
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), error.ToString());
            var first = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "q1", "results.json")));
            Assert.That(first["findings"]!.Where(f => (string?)f["ruleId"] == "CL1001").Select(f => ((string?)f["policy"], (string?)f["outcome"])), Is.EquivalentTo(new[] { ("Kiosks", "suppressed"), ("Workstations", "suppressed") }));
            Assert.That(first["findings"]!.Any(f => (string?)f["ruleId"] == "CL0020"), Is.False);

            var april = new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc);
            exit = new AuditCommand(new StringWriter(), error).Run(new[] { Path.Combine(_dir, "fabrikam") }, db, null, Path.Combine(_dir, "q2"), _dir, april);
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), error.ToString());
            var second = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "q2", "results.json")));
            var changes = second["changes"]!;
            Assert.That(changes["expiredSuppressions"]!.Select(s => ((string?)s["ruleId"], (string?)s["target"], (string?)s["expires"], (string?)s["owner"])),
                Is.EqualTo(new[] { ("CL1001", "Workstations", "2026-03-31", "ciso@fabrikam.example") }));
            // The finding it accepted is open again, so it is new since the last audit; the warning is new too.
            Assert.That(changes["new"]!.Select(f => ((string?)f["ruleId"], (string?)f["file"], (int?)f["line"])).OrderBy(t => t.Item1),
                Is.EqualTo(new[] { ("CL0020", "fabrikam/configlint.suppressions.yaml", (int?)3), ("CL1001", "fabrikam/Workstations.json", (int?)5) }));
            Assert.That(error.ToString(), Does.Contain("fabrikam/configlint.suppressions.yaml(3,5): warning CL0020: the suppression of CL1001 for 'Workstations' (owner ciso@fabrikam.example) expired on 2026-03-31"));

            var html = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_dir, "q2", "report.html")));
            var expired = html.QuerySelector("[data-section=changes] [data-change=expired]")!;
            Assert.That(expired.PreviousElementSibling!.TextContent, Is.EqualTo("Accepted risks expired since the last run"));
            Assert.That(expired.TextContent, Is.EqualTo("CL1001 on Workstations, expired 2026-03-31 (owner ciso@fabrikam.example)"));
            var markdown = File.ReadAllText(Path.Combine(_dir, "q2", "report.md"));
            Assert.That(markdown, Does.Contain("- Expired since the last run: CL1001 on Workstations (2026-03-31, owner ciso@fabrikam.example)"));
        }

        [Test]
        public void AFindingAcceptedAsARiskBetweenTwoAuditsIsAcceptedNotFixed()
        {
            Write(Path.Combine("fabrikam", "Workstations.json"), Windows("Workstations", "w-1"));
            Write(Path.Combine("fabrikam", "Kiosks.json"), Windows("Kiosks", "k-1"));
            var first = Run("audit", "fabrikam", "--history", "a.db", "--output-dir", "q1");
            Assert.That(first.Exit, Is.EqualTo(ExitCodes.Success), first.Err);

            // Between the audits the Workstations finding is accepted (one entry, no expiry) and the Kiosks one really fixed.
            Write(Path.Combine("fabrikam", "configlint.suppressions.yaml"), string.Join("\n", SuppressionsFile.Split('\n').Take(7)).Replace("WORKSTATIONS", "2099-03-31") + "\n");
            Write(Path.Combine("fabrikam", "Kiosks.json"), Windows("Kiosks", "k-1").Replace("\"full\"", "\"basic\""));
            var second = Run("audit", "fabrikam", "--history", "a.db", "--output-dir", "q2");
            Assert.That(second.Exit, Is.EqualTo(ExitCodes.Success), second.Err);

            var changes = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "q2", "results.json")))["changes"]!;
            Assert.That(changes["accepted"]!.Select(f => ((string?)f["ruleId"], (string?)f["policy"], (string?)f["file"], (int?)f["line"])),
                Is.EqualTo(new[] { ("CL1001", "Workstations", "fabrikam/Workstations.json", (int?)5) }));
            Assert.That(changes["fixed"]!.Select(f => ((string?)f["ruleId"], (string?)f["policy"])), Is.EqualTo(new[] { ("CL1001", "Kiosks") }));
            Assert.That(changes["new"]!, Is.Empty);
            Assert.That(second.Out, Does.Contain(": 0 new, 1 fixed, 1 accepted as risks, "));

            var html = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_dir, "q2", "report.html")));
            Assert.That(html.QuerySelectorAll("[data-section=changes] [data-change=accepted] li").Select(li => li.TextContent), Is.EqualTo(new[] { "CL1001 warning Workstations: " + (string?)changes["accepted"]![0]!["message"] }));
            Assert.That(html.QuerySelectorAll("[data-section=changes] [data-change=fixed] li").Select(li => li.QuerySelector("b")!.TextContent + " " + li.TextContent.Contains("Kiosks")), Is.EqualTo(new[] { "CL1001 True" }));
            var markdown = File.ReadAllText(Path.Combine(_dir, "q2", "report.md"));
            Assert.That(markdown, Does.Contain("- Accepted as a risk: **CL1001** (warning) Workstations: "));
            Assert.That(markdown, Does.Contain("**1 fixed**, 1 accepted as risks,"));
        }

        [Test]
        public void ABrokenSuppressionsFileStopsTheAuditAsItStopsLint()
        {
            Write(Path.Combine("fabrikam", "Workstations.json"), Windows("Workstations", "w-1"));
            Write(Path.Combine("fabrikam", "configlint.suppressions.yaml"), "suppressions:\n  - rule: CL1001\n    target: Workstations\n    owner: ciso@fabrikam.example\n");
            var audit = Run("audit", "fabrikam", "--history", "a.db", "--output-dir", "out");
            var lint = Run("lint", "fabrikam");
            Assert.That((audit.Exit, lint.Exit), Is.EqualTo((ExitCodes.UsageError, ExitCodes.UsageError)));
            const string Expected = "fabrikam/configlint.suppressions.yaml(2,5): error CL0022: the entry needs 'justification'";
            Assert.That(audit.Err, Does.Contain(Expected));
            Assert.That(lint.Err, Does.Contain(Expected));
            Assert.That(File.Exists(Path.Combine(_dir, "out", "results.json")), Is.False);
        }

        [Test]
        public void AnAuditJudgesTheFilesLintJudgesUnderTheSettingsExclude()
        {
            Write(Path.Combine("fabrikam", "Workstations.json"), Windows("Workstations", "w-1"));
            Write(Path.Combine("fabrikam", "archive", "Old.json"), Windows("Old", "o-1"));
            Write(Path.Combine("fabrikam", "configlint.yaml"), "exclude: ['archive/**']\n");
            var audit = Run("audit", "fabrikam", "--history", "a.db", "--output-dir", "out");
            Assert.That(audit.Exit, Is.EqualTo(ExitCodes.Success), audit.Err);
            var lint = Run("lint", "fabrikam", "--format", "json", "--output", "lint.json", "--fail-level", "none");
            Assert.That(lint.Exit, Is.EqualTo(ExitCodes.Success), lint.Err);

            var results = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "out", "results.json")));
            var linted = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "lint.json")));
            var inAudit = Where(results["findings"]!, f => (string?)f["ruleId"] == "CL1001", "file");
            Assert.That(inAudit, Is.EqualTo(new List<(string, string?, int?)> { ("CL1001", "fabrikam/Workstations.json", 5) }));
            Assert.That(Where(linted["findings"]!, f => (string?)f["ruleId"] == "CL1001", "path"), Is.EqualTo(inAudit));
            Assert.That((int)results["counts"]!["files"]!, Is.EqualTo(1));
        }
    }
}
