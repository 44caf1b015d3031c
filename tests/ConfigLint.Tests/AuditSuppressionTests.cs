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
    /// The audit's suppression seam (<see cref="ISuppressionSource"/>): a suppressed finding is an accepted risk, shown
    /// with its justification, owner and expiry, and not an open finding. The suppressions file of issue 10 plugs in here.
    /// </summary>
    [TestFixture]
    public sealed class AuditSuppressionTests
    {
        private string _dir = null!;

        [SetUp]
        public void SetUp() => _dir = TestPaths.TempDirectory();

        [TearDown]
        public void TearDown()
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

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

        private void Write(string relative, string text)
        {
            var path = Path.Combine(_dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
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
    }
}
