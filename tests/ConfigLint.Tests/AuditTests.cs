using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AngleSharp.Html.Parser;
using ConfigLint.Cli;
using ConfigLint.Cli.Audit;
using ConfigLint.Rules;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>`configlint audit`, `history`, `diff` and `merge` on tenant exports written by the tests (never seen by the rules' fixtures).</summary>
    [TestFixture]
    public sealed class AuditTests : TempFolderTests
    {
        private const string Hostile = "<img src=x onerror=alert(1)>";

        // Before the base class deletes the folder: pooled connections keep the history files open.
        [TearDown]
        public void ClearSqlitePools() => SqliteConnection.ClearAllPools();

        private static string Windows(string name, string id, string mode) =>
            "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"id\": \"" + id + "\",\n  \"displayName\": \"" + name.Replace("\"", "\\\"") + "\",\n  \"diagnosticsDataSubmissionMode\": \"" + mode + "\"\n}\n";

        private static string Branding(bool telemetryOff) =>
            "{\n  \"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\",\n  \"id\": \"b-1\",\n  \"profileName\": \"Fabrikam portal\",\n  \"privacyUrl\": \"https://fabrikam.example/privacy\",\n" +
            "  \"disableClientTelemetry\": " + (telemetryOff ? "true" : "false") + ",\n  \"sendDeviceOwnershipChangePushNotification\": true\n}\n";

        private JObject Results(string folder) => JObject.Parse(File.ReadAllText(Path.Combine(_dir, folder, "results.json")));

        private void WriteFabrikam()
        {
            Write(Path.Combine("fabrikam", "DeviceConfiguration", "Workstations.json"), Windows("Workstations", "w-1", "full"));
            Write(Path.Combine("fabrikam", "DeviceConfiguration", "Kiosks.json"), Windows("Kiosks", "k-1", "basic"));
            Write(Path.Combine("fabrikam", "IntuneBranding", "Portal.json"), Branding(telemetryOff: true));
        }

        [Test]
        public void TwoAuditsInARowReportOneFixedAndOneNewFindingAndHistoryListsBoth()
        {
            WriteFabrikam();
            var first = Run("audit", "fabrikam", "--history", "audits.db", "--output-dir", "q1");
            Assert.That(first.Exit, Is.EqualTo(ExitCodes.Success), first.Err);
            Assert.That(first.Out, Does.Contain("first audit of this tenant in the history"));
            Assert.That(Results("q1")["findings"]!.Any(f => (string?)f["ruleId"] == "CL1001" && (string?)f["resourceName"] == "Workstations"), Is.True);

            // Between the audits: the telemetry level is fixed, and the Company Portal's telemetry is switched on.
            Write(Path.Combine("fabrikam", "DeviceConfiguration", "Workstations.json"), "{\n\"@odata.type\":\"#microsoft.graph.windows10GeneralConfiguration\",\"id\":\"w-1\",\n\n\"displayName\":\"Workstations\",\"diagnosticsDataSubmissionMode\":\"basic\"}\n");
            Write(Path.Combine("fabrikam", "IntuneBranding", "Portal.json"), Branding(telemetryOff: false));
            var second = Run("audit", "fabrikam", "--history", "audits.db", "--output-dir", "q2");
            Assert.That(second.Exit, Is.EqualTo(ExitCodes.Success), second.Err);

            var changes = Results("q2")["changes"]!;
            Assert.That(changes["new"]!.Select(f => (string?)f["ruleId"]), Is.EqualTo(new[] { "CL1006" }));
            Assert.That(changes["fixed"]!.Select(f => (string?)f["ruleId"]), Is.EqualTo(new[] { "CL1001" }));
            Assert.That((string?)changes["fixed"]![0]!["policy"], Is.EqualTo("Workstations"));
            Assert.That((string?)changes["new"]![0]!["policy"], Is.EqualTo("Fabrikam portal"));
            Assert.That(changes["severityChanged"]!.Count(), Is.Zero);
            Assert.That((int)changes["unchanged"]!, Is.EqualTo(Results("q1")["findings"]!.Count(f => (string?)f["outcome"] == "fail") - 1));
            Assert.That(second.Out, Does.Contain(": 1 new, 1 fixed,"));

            var history = Run("history", "audits.db");
            Assert.That(history.Exit, Is.EqualTo(ExitCodes.Success), history.Err);
            var runs = history.Out.Split('\n').Where(l => l.StartsWith("#", StringComparison.Ordinal)).ToList();
            Assert.That(runs, Has.Count.EqualTo(2));
            Assert.That(runs[0], Does.StartWith("#1 ").And.Contain("fabrikam").And.Contain("first"));
            Assert.That(runs[1], Does.StartWith("#2 ").And.Contain("fabrikam"));

            var diff = Run("diff", "audits.db", "1", "2");
            Assert.That(diff.Exit, Is.EqualTo(ExitCodes.Success), diff.Err);
            Assert.That(diff.Out, Does.Contain("1 new, 1 fixed"));
            Assert.That(diff.Out, Does.Contain("new      CL1006"));
            Assert.That(diff.Out, Does.Contain("fixed    CL1001"));

            // The change section and the trend chart are in the second report.
            var html = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_dir, "q2", "report.html")));
            Assert.That(html.QuerySelector("[data-section=changes] [data-change=new]")!.TextContent, Does.Contain("CL1006"));
            Assert.That(html.QuerySelector("[data-section=changes] [data-change=fixed]")!.TextContent, Does.Contain("CL1001"));
            Assert.That(html.QuerySelectorAll("[data-section=trend] svg circle"), Has.Length.EqualTo(2));
        }

        [Test]
        public void HistoryAndDiffShowHostileTenantAndPolicyNamesAsTextOnTheirLines()
        {
            // A policy name with an ANSI escape, a line break that starts a workflow command, and a bidi override (the JSON
            // escapes \u001b, \n and \u202e become the characters themselves in the name).
            const string Hostile = "Evil\\u001b[31m\\n::error::pwned\\u202e";
            Write(Path.Combine("fabrikam", "DeviceConfiguration", "Evil.json"), Windows(Hostile, "e-1", "full"));
            const string Tenant = "fab\u001b[0mrikam";
            Assert.That(Run("audit", "fabrikam", "--tenant", Tenant, "--history", "audits.db", "--output-dir", "q1").Exit, Is.EqualTo(ExitCodes.Success));
            Write(Path.Combine("fabrikam", "DeviceConfiguration", "Evil.json"), Windows(Hostile, "e-1", "basic"));
            var second = Run("audit", "fabrikam", "--tenant", Tenant, "--history", "audits.db", "--output-dir", "q2");
            Assert.That(second.Exit, Is.EqualTo(ExitCodes.Success), second.Err);

            var diff = Run("diff", "audits.db", "1", "2");
            var history = Run("history", "audits.db");
            Assert.That(diff.Exit, Is.EqualTo(ExitCodes.Success), diff.Err);
            Assert.That(history.Exit, Is.EqualTo(ExitCodes.Success), history.Err);
            var fixedLine = diff.Out.Split('\n').Single(l => l.StartsWith("fixed    CL1001", StringComparison.Ordinal));
            Assert.That(fixedLine, Does.Contain("Evil\\u001B[31m\\u000A::error::pwned\\u202E"));
            foreach (var output in new[] { diff.Out, history.Out, second.Out })
            {
                Assert.That(output.IndexOf('\u001b'), Is.EqualTo(-1), output);
                Assert.That(output.IndexOf('\u202e'), Is.EqualTo(-1), output);
                Assert.That(output, Does.Not.Contain("\n::error::"));
            }
            Assert.That(history.Out, Does.Contain("fab\\u001B[0mrikam"));
            Assert.That(second.Out, Does.StartWith("audit of fab\\u001B[0mrikam: "));
            var merged = new StringWriter();
            Assert.That(ConfigLint.Cli.Commands.MergeCommand.Run(new[] { Path.Combine(_dir, "q2", "results.json") }, Path.Combine(_dir, "merged"), merged, new StringWriter()), Is.EqualTo(ExitCodes.Success));
            Assert.That(merged.ToString().IndexOf('\u001b'), Is.EqualTo(-1), merged.ToString());
            Assert.That(merged.ToString(), Does.Contain("(fab\\u001B[0mrikam)"));
        }

        [Test]
        public void AHistoryFileInAFolderThatDoesNotExistYetIsCreatedWithItsFolder()
        {
            // Before, SQLite said "unable to open database file" and the audit ended with exit 2.
            WriteFabrikam();
            var (exit, _, err) = Run("audit", "fabrikam", "--history", Path.Combine("audits", "2026", "fabrikam.db"), "--output-dir", "out");
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), err);
            Assert.That(err, Does.Not.Contain("history file"));
            Assert.That(File.Exists(Path.Combine(_dir, "audits", "2026", "fabrikam.db")), Is.True);
            Assert.That(Run("history", Path.Combine("audits", "2026", "fabrikam.db")).Out, Does.Contain("#1"));
        }

        [Test]
        public void EveryOutcomeIsRecordedWithItsFingerprintAndResourceIdentity()
        {
            WriteFabrikam();
            var (exit, _, err) = Run("audit", "fabrikam", "--history", "audits.db", "--tenant", "Fabrikam", "--output-dir", "out");
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), err);

            var rule = Results("out")["rules"]!.Single(r => (string?)r["id"] == "CL1001");
            Assert.That(((int)rule["pass"]!, (int)rule["fail"]!), Is.EqualTo((1, 1)));

            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "audits.db"), Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT r.type, r.graph_id, r.display_name, r.file, o.outcome, o.fingerprint, runs.tenant FROM outcomes o JOIN resources r ON r.id = o.resource_id JOIN runs ON runs.id = o.run_id WHERE o.rule_id = 'CL1001' ORDER BY r.display_name";
            var rows = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    Assert.That(reader.GetString(5), Does.Match("^[0-9a-f]{32}$"));
                    rows.Add($"{reader.GetString(0)}|{reader.GetString(1)}|{reader.GetString(2)}|{reader.GetString(3).Replace('\\', '/')}|{reader.GetString(4)}|{reader.GetString(6)}");
                }
            }
            Assert.That(rows, Is.EqualTo(new[]
            {
                "windows10GeneralConfiguration|k-1|Kiosks|fabrikam/DeviceConfiguration/Kiosks.json|pass|Fabrikam",
                "windows10GeneralConfiguration|w-1|Workstations|fabrikam/DeviceConfiguration/Workstations.json|fail|Fabrikam",
            }));

            // The failing outcome's fingerprint is the finding's, so SARIF, baselines and the history agree.
            string failing = Results("out")["findings"]!.Single(f => (string?)f["ruleId"] == "CL1001")["fingerprint"]!.ToString();
            command.CommandText = "SELECT COUNT(*) FROM outcomes WHERE rule_id = 'CL1001' AND outcome = 'fail' AND fingerprint = $f";
            command.Parameters.AddWithValue("$f", failing);
            Assert.That((long)command.ExecuteScalar()!, Is.EqualTo(1));

            // A rule that applies to nothing in the export is "not applicable", once, on the tenant.
            command.CommandText = "SELECT outcome FROM outcomes WHERE rule_id = 'CL2001'";
            Assert.That((string?)command.ExecuteScalar(), Is.EqualTo("not applicable"));
            Assert.That((bool)Results("out")["rules"]!.Single(r => (string?)r["id"] == "CL2001")["notApplicable"]!, Is.True);
        }

        [Test]
        public void CorruptHistoryGivesAClearErrorAndTheReportsAreStillWritten()
        {
            WriteFabrikam();
            Write("audits.db", "this is not a database, it is a note someone saved with the wrong name\n" + new string('x', 4096));
            var (exit, _, err) = Run("audit", "fabrikam", "--history", "audits.db", "--output-dir", "out");

            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(err, Does.Contain($"history file {Path.Combine(_dir, "audits.db")} is not a ConfigLint history database"));
            foreach (var name in new[] { "report.html", "report.md", "results.json", "action-plan.csv" })
            {
                Assert.That(File.Exists(Path.Combine(_dir, "out", name)), Is.True, name);
            }
            Assert.That((string?)Results("out")["run"]!["historyError"], Does.Contain("not a ConfigLint history database"));
            var html = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_dir, "out", "report.html")));
            Assert.That(html.QuerySelector("[data-section=history-error]")!.TextContent, Does.Contain("audits.db"));
            Assert.That(html.QuerySelectorAll("[data-section=findings] .finding"), Is.Not.Empty);

            var history = Run("history", "audits.db");
            Assert.That(history.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(history.Err, Does.Contain("is not a ConfigLint history database"));
        }

        [Test]
        public void HistoryFromANewerConfigLintIsRefusedNotRewritten()
        {
            WriteFabrikam();
            string path = Path.Combine(_dir, "audits.db");
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE future (x); PRAGMA user_version = 7;";
                command.ExecuteNonQuery();
            }
            var (exit, _, err) = Run("audit", "fabrikam", "--history", "audits.db", "--output-dir", "out");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(err, Does.Contain($"history file {path} has schema version 7, written by a newer ConfigLint; this version reads up to {HistoryStore.SchemaVersion}"));
            Assert.That(File.Exists(Path.Combine(_dir, "out", "report.html")), Is.True);
        }

        [Test]
        public void LockedHistoryGivesAClearErrorAndTheReportsAreStillWritten()
        {
            WriteFabrikam();
            Assert.That(Run("audit", "fabrikam", "--history", "audits.db", "--output-dir", "first").Exit, Is.EqualTo(ExitCodes.Success));
            using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "audits.db"), Pooling = false }.ToString());
            other.Open();
            using (var command = other.CreateCommand())
            {
                command.CommandText = "BEGIN EXCLUSIVE";
                command.ExecuteNonQuery();
            }
            var (exit, _, err) = Run("audit", "fabrikam", "--history", "audits.db", "--output-dir", "out");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(err, Does.Contain("audits.db is locked by another process"));
            Assert.That(File.Exists(Path.Combine(_dir, "out", "results.json")), Is.True);
        }

        [Test]
        public void HtmlReportShowsHostileNamesAsTextAndHasEveryKeySection()
        {
            WriteFabrikam();
            Write(Path.Combine("fabrikam", "DeviceConfiguration", "hostile.json"), Windows(Hostile, "h-1", "full"));
            var (exit, _, err) = Run("audit", "fabrikam", "--history", "audits.db", "--tenant", "<b>tenant</b>", "--output-dir", "out");
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), err);

            string text = File.ReadAllText(Path.Combine(_dir, "out", "report.html"));
            Assert.That(text, Does.Not.Contain(Hostile));
            var parser = new HtmlParser(new HtmlParserOptions { IsStrictMode = true });
            var html = parser.ParseDocument(text);
            Assert.That(html.QuerySelectorAll("img, script, iframe, object, embed, link"), Is.Empty);
            var tenantName = html.QuerySelector("[data-section=tenant] h2 span")!;
            Assert.That((tenantName.TextContent, tenantName.ChildElementCount), Is.EqualTo(("<b>tenant</b>", 0)));
            Assert.That(html.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)), Is.Empty);
            Assert.That(html.Title, Is.EqualTo("Intune configuration audit: <b>tenant</b>"));

            var policy = html.QuerySelectorAll("[data-section=findings] article.policy").Single(a => a.GetAttribute("data-policy") == Hostile);
            Assert.That(policy.QuerySelector("h4")!.TextContent, Is.EqualTo(Hostile));
            Assert.That(policy.QuerySelector("pre.snippet")!.TextContent, Does.Contain("\"displayName\": \"" + Hostile + "\""));
            Assert.That(policy.QuerySelector("pre.snippet .ln.hit")!.TextContent, Does.Contain("\"diagnosticsDataSubmissionMode\": \"full\""));
            Assert.That(policy.QuerySelector(".fix")!.TextContent, Does.Contain("set it to Basic/Required"));

            foreach (var section in new[] { "header", "counts", "dpia", "security", "changes", "findings", "accepted", "rules" })
            {
                Assert.That(html.QuerySelector($"[data-section={section}]"), Is.Not.Null, section);
            }
            var dpia = html.QuerySelectorAll("[data-section=dpia] tr[data-control]").Select(r => r.GetAttribute("data-control")).ToList();
            Assert.That(dpia, Is.EqualTo(new[] { "DPIA-R1", "DPIA-R2", "DPIA-R3", "DPIA-R4", "DPIA-R5", "DPIA-A1", "DPIA-A2", "DPIA-A3", "DPIA-A4", "DPIA-A5", "DPIA-A6", "DPIA-A7" }));
            var r5 = html.QuerySelector("[data-section=dpia] tr[data-control=DPIA-R5]")!;
            Assert.That(r5.QuerySelector(".badge")!.TextContent, Is.EqualTo("not met"));
            Assert.That(r5.TextContent, Does.Contain("CL1001").And.Contain(Hostile));
            Assert.That(html.QuerySelector("[data-section=dpia] tr[data-control=DPIA-A7] .badge")!.TextContent, Is.EqualTo("not checkable offline"));
            Assert.That(html.QuerySelector("[data-section=security] tr[data-control=SEC-APP] .badge")!.TextContent, Is.EqualTo("not applicable"));

            // Every id is unique and every in-page link has its target.
            var ids = html.All.Select(e => e.Id).Where(i => !string.IsNullOrEmpty(i)).ToList();
            Assert.That(ids, Is.Unique);
            foreach (var link in html.QuerySelectorAll("a[href^='#']")) Assert.That(ids, Does.Contain(link.GetAttribute("href")!.Substring(1)));

            string markdown = File.ReadAllText(Path.Combine(_dir, "out", "report.md"));
            Assert.That(markdown, Does.Contain("&lt;img src=x onerror=alert(1)&gt;"));
            Assert.That(markdown.Replace("```", string.Empty).Split('\n').Where(l => !l.StartsWith("  ", StringComparison.Ordinal)), Has.None.Contains("<img"));
        }

        [Test]
        public void ActionPlanHasOneRowPerOpenFindingAndIsSafeInASpreadsheet()
        {
            WriteFabrikam();
            Write(Path.Combine("fabrikam", "DeviceConfiguration", "formula.json"), Windows("=HYPERLINK(\"http://evil.example\",\"x\")", "f-1", "full"));
            Assert.That(Run("audit", "fabrikam", "--history", "audits.db", "--output-dir", "out").Exit, Is.EqualTo(ExitCodes.Success));

            var lines = File.ReadAllLines(Path.Combine(_dir, "out", "action-plan.csv"));
            Assert.That(lines[0], Is.EqualTo(string.Join(",", ActionPlanCsv.Columns.Select(c => "\"" + c + "\""))));
            int open = Results("out")["findings"]!.Count(f => (string?)f["outcome"] == "fail");
            Assert.That(lines.Length - 1, Is.EqualTo(open));
            var formula = lines.Single(l => l.Contains("HYPERLINK"));
            Assert.That(formula, Does.Contain(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","));
            Assert.That(formula, Does.StartWith("\"CL1001\",").And.EndWith(",\"\",\"\",\"\""));
            Assert.That(formula, Does.Contain("\"DPIA-R5 DPIA-A1\""));

            Assert.That(ActionPlanCsv.Cell("+1"), Is.EqualTo("\"'+1\""));
            Assert.That(ActionPlanCsv.Cell("-1"), Is.EqualTo("\"'-1\""));
            Assert.That(ActionPlanCsv.Cell("@SUM(A1)"), Is.EqualTo("\"'@SUM(A1)\""));
            Assert.That(ActionPlanCsv.Cell("a,b\nc"), Is.EqualTo("\"a,b\nc\""));
        }

        [Test]
        public void MergingTwoTenantsGivesTheSameReportWhateverTheOrder()
        {
            WriteFabrikam();
            Write(Path.Combine("contoso", "DeviceConfiguration", "Laptops.json"), Windows("Laptops", "l-1", "enhanced"));
            Assert.That(Run("audit", "fabrikam", "--history", "a.db", "--output-dir", "fabrikam-out").Exit, Is.EqualTo(ExitCodes.Success));
            Assert.That(Run("audit", "contoso", "--history", "b.db", "--output-dir", "contoso-out").Exit, Is.EqualTo(ExitCodes.Success));

            var ab = Run("merge", "fabrikam-out/results.json", "contoso-out/results.json", "--output-dir", "ab");
            var ba = Run("merge", "contoso-out/results.json", "fabrikam-out/results.json", "--output-dir", "ba");
            Assert.That((ab.Exit, ba.Exit), Is.EqualTo((ExitCodes.Success, ExitCodes.Success)), ab.Err + ba.Err);
            foreach (var name in new[] { "report.html", "report.md", "action-plan.csv", "merged.sarif" })
            {
                Assert.That(File.ReadAllText(Path.Combine(_dir, "ba", name)), Is.EqualTo(File.ReadAllText(Path.Combine(_dir, "ab", name))), name);
            }

            var sarif = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "ab", "merged.sarif")));
            var schema = JSchema.Parse(File.ReadAllText(Path.Combine(TestPaths.Output, "Schemas", "sarif-schema-2.1.0.json")));
            Assert.That(sarif.IsValid(schema, out IList<string> errors), Is.True, string.Join("\n", errors));
            Assert.That(sarif["runs"]!.Select(r => (string?)r["automationDetails"]!["id"]), Is.EqualTo(new[] { "configlint-audit/contoso/", "configlint-audit/fabrikam/" }));
            Assert.That(sarif["runs"]![0]!["results"]!.Any(r => (string?)r["ruleId"] == "CL1001"), Is.True);

            var html = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_dir, "ab", "report.html")));
            Assert.That(html.QuerySelectorAll("section[data-section=tenant]").Select(s => s.GetAttribute("data-tenant")), Is.EqualTo(new[] { "contoso", "fabrikam" }));
            Assert.That(html.QuerySelectorAll("[data-section=dpia]"), Has.Length.EqualTo(2));

            var broken = Run("merge", "fabrikam-out/results.json", "fabrikam-out/report.md", "--output-dir", "partial");
            Assert.That(broken.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(broken.Err, Does.Contain("report.md: not a ConfigLint audit results file"));
        }

        [Test]
        public void HistoryOutcomesAreCommittedInBatchesAndARunThatDoesNotCompleteIsRemoved()
        {
            string path = Path.Combine(_dir, "audits.db");
            int resources = HistoryStore.BatchSize * 5 / 4; // each resource is two rows: its own and its one outcome
            using (var store = HistoryStore.Open(path))
            {
                long runId = store.BeginRun(new AuditRunInfo { Tenant = "fabrikam", TimeUtc = "2026-05-01T08:00:00Z", ToolVersion = "test", RuleSetVersion = "test" });
                for (int i = 0; i < resources; i++)
                {
                    store.Record(new ResourceIdentity("windows10GeneralConfiguration", "id-" + i, "Policy " + i, "p" + i + ".json", 1), new[] { new OutcomeRecord("CL1001", Outcome.Pass, i.ToString("x32"), null) });
                }
                Assert.That(store.Batches, Is.EqualTo(2));

                // Another reader sees the committed batches, and no run: the run is not complete.
                using (var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
                {
                    reader.Open();
                    using var command = reader.CreateCommand();
                    command.CommandText = "SELECT COUNT(*) FROM outcomes WHERE run_id = " + runId;
                    Assert.That((long)command.ExecuteScalar()!, Is.EqualTo(HistoryStore.BatchSize));
                }
                Assert.That(store.Runs("fabrikam"), Is.Empty);
            }

            // Disposed without Complete (the audit failed half way): nothing of the run is left.
            using var check = HistoryStore.Open(path);
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM resources) + (SELECT COUNT(*) FROM outcomes)";
            Assert.That((long)count.ExecuteScalar()!, Is.Zero);
        }

        [Test]
        public void AHugeTenantsReportListsTheFirstFindingsAndSaysSoWhileResultsAndActionPlanHaveEveryOne()
        {
            int policies = AuditBuilder.MaxListed + 100;
            for (int i = 0; i < policies; i++)
            {
                Write(Path.Combine("huge", "DeviceConfiguration", $"p{i:D5}.json"), Windows($"Policy {i:D5}", $"id-{i}", "full"));
            }
            var (exit, _, err) = Run("audit", "huge", "--history", "audits.db", "--output-dir", "out");
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), err);

            var html = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_dir, "out", "report.html")));
            var findings = html.QuerySelectorAll("[data-section=findings] .finding");
            Assert.That(findings, Has.Length.EqualTo(AuditBuilder.MaxListed));
            // In report order: the first policies by name, each with its one CL1001 finding.
            Assert.That(html.QuerySelectorAll("[data-section=findings] article.policy").Select(a => a.GetAttribute("data-policy")).Take(3), Is.EqualTo(new[] { "Policy 00000", "Policy 00001", "Policy 00002" }));
            Assert.That(html.QuerySelectorAll("[data-section=findings] article.policy").Last().GetAttribute("data-policy"), Is.EqualTo($"Policy {AuditBuilder.MaxListed - 1:D5}"));
            var capped = html.QuerySelector("[data-section=findings] [data-capped]")!;
            Assert.That(capped.GetAttribute("data-capped"), Is.EqualTo(policies.ToString()));
            Assert.That(capped.TextContent, Does.StartWith($"This report shows the first {AuditBuilder.MaxListed} of {policies} findings"));
            // The controls table counts every finding, not the listed ones.
            Assert.That(html.QuerySelector("[data-control=DPIA-R5]")!.TextContent, Does.Contain($"CL1001 Windows diagnostic data is above Basic/Required: {policies} fail"));
            Assert.That(File.ReadAllText(Path.Combine(_dir, "out", "report.md")), Does.Contain($"> This report shows the first {AuditBuilder.MaxListed} of {policies} findings"));

            var all = Results("out")["findings"]!.Where(f => (string?)f["ruleId"] == "CL1001").ToList();
            Assert.That(all, Has.Count.EqualTo(policies));
            Assert.That(all.Select(f => (string?)f["policy"]), Is.Ordered.Using((IComparer<string?>)StringComparer.Ordinal));
            Assert.That(all.Count(f => f["snippet"]!.Any()), Is.EqualTo(AuditBuilder.MaxSnippets));
            Assert.That(all.Take(AuditBuilder.MaxSnippets).All(f => f["snippet"]!.Any(l => (bool)l["marked"]! && (int)l["line"]! == 5)), Is.True);
            var csv = File.ReadAllLines(Path.Combine(_dir, "out", "action-plan.csv"));
            Assert.That(csv.Count(l => l.StartsWith("\"CL1001\"", StringComparison.Ordinal)), Is.EqualTo(policies));

            // The history holds every finding of the run, copied from the audit's spool.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "audits.db"), Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM findings WHERE rule_id = 'CL1001' AND outcome = 'fail'";
            Assert.That((long)command.ExecuteScalar()!, Is.EqualTo(policies));
        }

        [Test]
        public void EveryDpiaRiskAndRecommendationMapsToRulesOrSaysWhyNot()
        {
            var controls = ControlCatalog.Load();
            var rules = IntunePack.Create().Descriptors.ToDictionary(r => r.Id);
            Assert.That(controls.Where(c => c.Kind == "risk").Select(c => c.Id), Is.EqualTo(new[] { "DPIA-R1", "DPIA-R2", "DPIA-R3", "DPIA-R4", "DPIA-R5" }));
            Assert.That(controls.Where(c => c.Kind == "recommendation").Select(c => c.Id), Is.EqualTo(Enumerable.Range(1, 7).Select(i => "DPIA-A" + i)));
            foreach (var control in controls)
            {
                foreach (var id in control.Rules) Assert.That(rules.ContainsKey(id), Is.True, $"{control.Id} names unknown rule {id}");
                if (control.Kind == "recommendation" || control.Kind == "risk")
                {
                    Assert.That(control.Rules.Count > 0 || control.NotCheckable != null, Is.True, $"{control.Id} has no rule and does not say why it is not checkable");
                }
            }
            // Every DPIA rule counts toward some DPIA risk or recommendation, and every security rule toward a control.
            var mapped = new HashSet<string>(controls.SelectMany(c => c.Rules));
            foreach (var rule in rules.Values.Where(r => r.Tags.Contains("dpia") || r.Category == "Security"))
            {
                Assert.That(mapped, Does.Contain(rule.Id), $"{rule.Id} ({rule.Title}) is in no control of rules/packs/controls.yaml");
            }
            Assert.Throws<FormatException>(() => ControlCatalog.Parse("controls:\n  - id: X\n    kind: wish\n    title: t\n", "bad.yaml"));
        }

        [TestCase(0, 1, 1, 1, true, ControlStatus.NotMet)]
        [TestCase(3, 0, 1, 1, true, ControlStatus.AcceptedRisk)]
        [TestCase(3, 0, 0, 1, true, ControlStatus.NotCheckable)]
        [TestCase(0, 0, 0, 0, false, ControlStatus.NotCheckable)]
        [TestCase(3, 0, 0, 0, true, ControlStatus.Met)]
        [TestCase(0, 0, 0, 0, true, ControlStatus.NotApplicable)]
        public void ControlStatusIsDerivedFromItsRulesOutcomes(int pass, int fail, int suppressed, int notCheckable, bool hasRules, string expected) =>
            Assert.That(ControlStatus.Derive(pass, fail, suppressed, notCheckable, hasRules), Is.EqualTo(expected));
    }
}
