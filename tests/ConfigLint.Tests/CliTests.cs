using System;
using System.IO;
using System.Linq;
using System.Text;
using ConfigLint.Cli;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>Scenario tests of the command line: exit codes, every format, output files, the shipped sample.</summary>
    [TestFixture]
    public sealed class CliTests : TempFolderTests
    {
        private const string Risky = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Risky\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";
        private const string Clean = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Clean\",\n  \"diagnosticsDataSubmissionMode\": \"basic\"\n}\n";
        private const string Branding = "{\n  \"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\",\n  \"profileName\": \"P\",\n  \"privacyUrl\": \"https://contoso.example/privacy\",\n  \"disableClientTelemetry\": true,\n  \"sendDeviceOwnershipChangePushNotification\": true\n}\n";
        private const string Diagnostics = "{\"value\":[{\"id\":\"/providers/microsoft.intune/diagnosticSettings/d\",\"name\":\"d\",\"properties\":{\"workspaceId\":\"/subscriptions/s/w\",\"logs\":[{\"category\":\"AuditLogs\",\"enabled\":true}]}}]}";

        private const string Approvals = "{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata#deviceManagement/operationApprovalPolicies\",\"value\":[" +
            "{\"@odata.type\":\"#microsoft.graph.operationApprovalPolicy\",\"displayName\":\"Wipe\",\"policyType\":\"deviceWipe\"}," +
            "{\"@odata.type\":\"#microsoft.graph.operationApprovalPolicy\",\"displayName\":\"Delete\",\"policyType\":\"deviceDelete\"}," +
            "{\"@odata.type\":\"#microsoft.graph.operationApprovalPolicy\",\"displayName\":\"Roles\",\"policyType\":\"role\"}]}";

        private void WriteCleanTenant()
        {
            Write("clean.json", Clean);
            Write("branding.json", Branding);
            Write("diag.json", Diagnostics);
            Write("approvals.json", Approvals);
        }

        [Test]
        public void CleanTenantExitsZero()
        {
            WriteCleanTenant();
            var (exit, output, _) = Run("lint", ".");
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), output);
            Assert.That(output, Is.EqualTo("configlint: 4 file(s), 6 resource(s): 0 error(s), 0 warning(s), 0 suggestion(s), 0 note(s)\n"));
        }

        [Test]
        public void WarningFailsByDefaultWithCompilerStyleLines()
        {
            WriteCleanTenant();
            Write(Path.Combine("policies", "risky.json"), Risky);
            var (exit, output, _) = Run("lint", ".");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            var expectedPath = Path.Combine("policies", "risky.json");
            Assert.That(output.Split('\n')[0], Is.EqualTo($"{expectedPath}(4,36): warning CL1001: Windows diagnostic data is above Basic/Required (1): property 'diagnosticsDataSubmissionMode' is 'full'; set it to Basic/Required (1) or lower"));
        }

        [TestCase("error", ExitCodes.Success)]
        [TestCase("none", ExitCodes.Success)]
        [TestCase("warning", ExitCodes.Findings)]
        [TestCase("suggestion", ExitCodes.Findings)]
        public void FailLevelDecidesTheExitCode(string level, int expected)
        {
            WriteCleanTenant();
            Write("risky.json", Risky);
            Assert.That(Run("lint", ".", "--fail-level", level).Exit, Is.EqualTo(expected));
        }

        [Test]
        public void SuggestionFailsOnlyAtSuggestionLevel()
        {
            Write("diag.json", Diagnostics);
            Write("approvals.json", Approvals);
            Write("branding.json", Branding.Replace("\"privacyUrl\": \"https://contoso.example/privacy\",", ""));
            Assert.That(Run("lint", ".").Exit, Is.EqualTo(ExitCodes.Success));
            Assert.That(Run("lint", ".", "--fail-level", "suggestion").Exit, Is.EqualTo(ExitCodes.Findings));
        }

        [Test]
        public void MissingPathIsAUsageError()
        {
            var (exit, _, err) = Run("lint", "does-not-exist");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(err, Does.Contain("path not found: ").And.Contain("does-not-exist"));
        }

        [Test]
        public void FolderWithoutJsonIsAUsageError()
        {
            Write("notes.txt", "hello");
            var (exit, _, err) = Run("lint", ".");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(err, Does.Contain("no .json or .yaml files found"));
        }

        [Test]
        public void UnknownFormatAndBadArgumentsAreUsageErrors()
        {
            Write("a.json", Clean);
            Assert.That(Run("lint", ".", "--format", "xml").Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(Run("lint", ".", "--fail-level", "loud").Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(Run("lint").Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(Run("frobnicate").Exit, Is.EqualTo(ExitCodes.UsageError));
        }

        [Test]
        public void BrokenFileIsReportedAndLaterFilesAreStillLinted()
        {
            Write("a-broken.json", "{\n  \"displayName\": \"x\",\n  \"diagnosticsDataSubmissionMode\": \n");
            Write("b-risky.json", Risky);
            var (exit, output, _) = Run("lint", ".", "--fail-level", "error");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            var lines = output.Split('\n');
            Assert.That(lines[0], Does.StartWith("a-broken.json(4,1): error CL0001: invalid JSON at line 4, column 1"));
            Assert.That(lines[1], Does.StartWith("b-risky.json(4,36): warning CL1001:"));
        }

        [Test]
        public void FormatsPairWithOutputsAndConsoleStillGoesToStdout()
        {
            Write("risky.json", Risky);
            var (exit, output, err) = Run("lint", ".", "--format", "sarif", "--output", "out/report.sarif", "--format", "console", "--format", "json", "-o", "out/report.json");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings), err);
            Assert.That(output, Does.StartWith("risky.json(4,36): warning CL1001:"));
            Assert.That(File.Exists(Path.Combine(_dir, "out", "report.sarif")), Is.True);
            var json = JObject.Parse(File.ReadAllText(Path.Combine(_dir, "out", "report.json")));
            var finding = json["findings"]!.First(f => (string?)f["ruleId"] == "CL1001");
            Assert.That(((string?)finding["path"], (int?)finding["line"], (int?)finding["column"], (int?)finding["endColumn"], (string?)finding["severity"]),
                Is.EqualTo(("risky.json", 4, 36, 42, "warning")));
        }

        [Test]
        public void TwoFormatsOnStdoutAreRefused()
        {
            Write("a.json", Clean);
            var (exit, _, err) = Run("lint", ".", "--format", "sarif", "--format", "json");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(err, Does.Contain("only one format can go to standard output"));
        }

        [Test]
        public void SarifIsValidAndCarriesRulesRegionsAndResolvableUris()
        {
            Write(Path.Combine("Device Configuration", "risky policy.json"), Risky);
            Write("broken.json", "{ \"a\": ");
            var (_, output, err) = Run("lint", ".", "--format", "sarif");
            Assert.That(err, Is.Empty);
            var log = JObject.Parse(output);

            var schema = JSchema.Parse(File.ReadAllText(Path.Combine(TestPaths.Output, "Schemas", "sarif-schema-2.1.0.json")));
            Assert.That(log.IsValid(schema, out System.Collections.Generic.IList<string> errors), Is.True, string.Join("\n", errors));

            var run = (JObject)log["runs"]![0]!;
            var rules = (JArray)run["tool"]!["driver"]!["rules"]!;
            var cl1001 = rules.Single(r => (string?)r["id"] == "CL1001");
            Assert.That((string?)cl1001["name"], Is.EqualTo("Privacy.Windows.DiagnosticDataAboveBasic"));
            Assert.That(cl1001["helpUri"], Is.Null, "no help link without a configured help base");
            Assert.That((string?)cl1001["defaultConfiguration"]!["level"], Is.EqualTo("warning"));
            Assert.That((string?)cl1001["shortDescription"]!["text"], Is.Not.Empty);
            Assert.That((string?)cl1001["fullDescription"]!["text"], Is.Not.Empty);

            var result = run["results"]!.Single(r => (string?)r["ruleId"] == "CL1001");
            Assert.That((int?)result["ruleIndex"], Is.EqualTo(rules.IndexOf(cl1001)));
            var physical = result["locations"]![0]!["physicalLocation"]!;
            var region = physical["region"]!;
            Assert.That(((int?)region["startLine"], (int?)region["startColumn"], (int?)region["endLine"], (int?)region["endColumn"]), Is.EqualTo((4, 36, 4, 42)));
            var uri = (string?)physical["artifactLocation"]!["uri"];
            Assert.That(uri, Is.EqualTo("Device%20Configuration/risky%20policy.json"));
            var baseUri = new Uri((string)run["originalUriBaseIds"]!["SRCROOT"]!["uri"]!);
            Assert.That(File.Exists(new Uri(baseUri, uri).LocalPath), Is.True, "artifact URI must resolve to the linted file");

            var broken = run["results"]!.Single(r => (string?)r["ruleId"] == "CL0001");
            Assert.That((string?)broken["level"], Is.EqualTo("error"));
        }

        [Test]
        public void ShippedSampleGivesItsDocumentedFindings()
        {
            var sample = Path.Combine(TestPaths.RepoRoot, "tests", "samples", "tenant");
            var output = new StringWriter();
            // expected-findings.txt is printed from inside that folder with it as the root.
            int exit = CliApp.Run(new[] { "lint", ".", "--root", "." }, output, new StringWriter(), sample, ConfigLint.Cli.Formatters.OutputEnvironment.None);
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            var expected = File.ReadAllText(Path.Combine(sample, "expected-findings.txt")).Replace("\r\n", "\n");
            Assert.That(output.ToString().Replace("\r\n", "\n").Replace('\\', '/'), Is.EqualTo(expected));
        }

        [Test]
        public void RulesCommandListsTheCatalogAsJson()
        {
            var (exit, output, _) = Run("rules", "--format", "json");
            Assert.That(exit, Is.EqualTo(ExitCodes.Success));
            var rules = JArray.Parse(output);
            Assert.That(rules.Select(r => (string?)r["id"]), Does.Contain("CL1001").And.Contain("CL0001"));
            Assert.That(rules.Count, Is.EqualTo(ConfigLint.Rules.IntunePack.Create().Descriptors.Count));
        }
    
        [Test]
        public void SeveritiesFromGlobalConfigAndEditorConfigMatchTheRoslynChannel()
        {
            Write("risky.json", Risky);
            Write(Path.Combine("lab", "risky.json"), Risky);
            Write(Path.Combine("lab", "deep", "risky.json"), Risky);
            Write(".editorconfig", "root = true\n[lab/**.json]\nconfiglint.severity.CL1001 = suggestion\n");
            var (exit, output, _) = Run("lint", ".", "--fail-level", "warning");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            Assert.That(output, Does.Contain($"{Path.Combine("lab", "risky.json")}(4,36): info CL1001:"));
            Assert.That(output, Does.Contain($"{Path.Combine("lab", "deep", "risky.json")}(4,36): info CL1001:"));
            Assert.That(output, Does.Contain("risky.json(4,36): warning CL1001:"));

            // A global config beats the per-folder key, and "none" removes the finding everywhere.
            Write(".globalconfig", "is_global = true\ndotnet_diagnostic.CL1001.severity = none\ndotnet_diagnostic.CL1011.severity = error\n");
            var (exit2, output2, _) = Run("lint", ".", "--fail-level", "error");
            Assert.That(output2, Does.Not.Contain("CL1001"));
            Assert.That(output2, Does.Contain("configlint : error CL1011:"), "tenant-level findings take global severities");
            Assert.That(exit2, Is.EqualTo(ExitCodes.Findings));
        }
    
        [Test]
        public void GitHubAnnotationsCarryFileLineAndColumn()
        {
            Write(Path.Combine("policies", "risky, 50%.json"), Risky);
            var (exit, output, _) = Run("lint", ".", "--format", "github");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            var line = output.Split('\n').Single(l => l.StartsWith("::warning", StringComparison.Ordinal) && l.Contains("CL1001"));
            Assert.That(line, Is.EqualTo("::warning file=policies/risky%2C 50%25.json,line=4,col=36,endLine=4,endColumn=42,title=CL1001 Privacy.Windows.DiagnosticDataAboveBasic::" +
                "Windows diagnostic data is above Basic/Required (1): property 'diagnosticsDataSubmissionMode' is 'full'; set it to Basic/Required (1) or lower"));
            // A tenant-level finding is anchored to the tenant's first file, line 1 (FindingOrigin).
            Assert.That(output, Does.Contain("::notice file=policies/risky%2C 50%25.json,line=1,title=CL1009 Privacy.Tenant.NoBrandingProfileExported::not checkable offline"));
        }

        [Test]
        public void AzurePipelinesIssuesForErrorsAndWarnings()
        {
            Write("risky.json", Risky);
            Write("broken.json", "{");
            var (_, output, _) = Run("lint", ".", "--format", "azure");
            var lines = output.Split('\n');
            // Azure's docs ask for absolute paths.
            Assert.That(lines, Does.Contain($"##vso[task.logissue type=error;sourcepath={Path.Combine(_dir, "broken.json")};linenumber=1;columnnumber=2;code=CL0001;]invalid JSON at line 1, column 2: unexpected end of file: expected '}}' to close the object opened at line 1, column 1 (the file looks truncated)"));
            Assert.That(lines.Any(l => l.StartsWith($"##vso[task.logissue type=warning;sourcepath={Path.Combine(_dir, "risky.json")};linenumber=4;columnnumber=36;code=CL1001;]Windows diagnostic data is above Basic/Required", StringComparison.Ordinal)), Is.True, output);
            Assert.That(lines, Does.Contain("broken.json(1,1): info CL1009: " + ConfigLint.Rules.Tenant.NoBrandingProfileRule.Rule.MessageFormat));
        }

        [Test]
        public void EachExportRootIsItsOwnTenantInEveryFormat()
        {
            // Two tenants in one run, as a managed-service provider lints them: only b lacks a branding profile.
            Write(Path.Combine("a", "IntuneBranding", "branding.json"), Branding);
            Write(Path.Combine("a", "DeviceConfiguration", "clean.json"), Clean);
            Write(Path.Combine("b", "DeviceConfiguration", "risky.json"), Risky);

            var (_, console, _) = Run("lint", ".");
            var lines = console.Split('\n');
            var risky = Path.Combine("b", "DeviceConfiguration", "risky.json");
            Assert.That(lines.Count(l => l.Contains("CL1009")), Is.EqualTo(1), console);
            Assert.That(lines, Does.Contain("b : info CL1009: " + ConfigLint.Rules.Tenant.NoBrandingProfileRule.Rule.MessageFormat));
            // b's tenant findings follow b's last file.
            Assert.That(Array.FindIndex(lines, l => l.StartsWith("b : info CL1009", StringComparison.Ordinal)), Is.GreaterThan(Array.FindIndex(lines, l => l.StartsWith(risky + "(4,36)", StringComparison.Ordinal))));

            var (_, json, _) = Run("lint", ".", "--format", "json");
            var report = JObject.Parse(json);
            var missing = report["findings"]!.Single(f => (string?)f["ruleId"] == "CL1009");
            Assert.That(((string?)missing["scope"], missing["path"]), Is.EqualTo(("b", (JToken?)null)));
            Assert.That(((int)report["files"]!, (int)report["resources"]!, (int)report["summary"]!["warnings"]!), Is.EqualTo((3, 3, 1)));

            var (_, sarifText, err) = Run("lint", ".", "--format", "sarif");
            Assert.That(err, Is.Empty);
            var sarif = JObject.Parse(sarifText);
            var schema = JSchema.Parse(File.ReadAllText(Path.Combine(TestPaths.Output, "Schemas", "sarif-schema-2.1.0.json")));
            Assert.That(sarif.IsValid(schema, out System.Collections.Generic.IList<string> errors), Is.True, string.Join("\n", errors));
            var run = sarif["runs"]![0]!;
            // Anchored to b's first file at line 1; the folder is the related location.
            var tenantResult = run["results"]!.Single(r => (string?)r["ruleId"] == "CL1009");
            var anchor = tenantResult["locations"]![0]!["physicalLocation"]!;
            Assert.That(((string?)anchor["artifactLocation"]!["uri"], (int?)anchor["region"]!["startLine"]), Is.EqualTo(("b/DeviceConfiguration/risky.json", 1)));
            var folder = tenantResult["relatedLocations"]![0]!["physicalLocation"]!;
            Assert.That(((string?)folder["artifactLocation"]!["uri"], (string?)folder["artifactLocation"]!["uriBaseId"]), Is.EqualTo(("b/", "SRCROOT")));
            Assert.That(run["artifacts"]!.Select(a => (string?)a["location"]!["uri"]), Is.EqualTo(new[]
            {
                "a/DeviceConfiguration/clean.json", "a/IntuneBranding/branding.json", "b/DeviceConfiguration/risky.json",
            }));

            var (_, github, _) = Run("lint", ".", "--format", "github");
            Assert.That(github, Does.Contain("::notice file=b/DeviceConfiguration/risky.json,line=1,title=CL1009 Privacy.Tenant.NoBrandingProfileExported::b: not checkable offline"));
        }

        [Test]
        public void FilesAreReportedInOrdinalPathOrder()
        {
            // A folder sorts as its name plus a separator: "b-x.json" < "b.json" < "b/c.json".
            Write(Path.Combine("t", "b", "c.json"), Risky);
            Write(Path.Combine("t", "b.json"), Risky);
            Write(Path.Combine("t", "b-x.json"), Risky);
            Write(Path.Combine("t", "a", "z.json"), Risky);
            var (_, output, _) = Run("lint", "t");
            var paths = output.Split('\n').Where(l => l.Contains("CL1001")).Select(l => l.Substring(0, l.IndexOf('('))).ToList();
            var expected = new[] { "t/a/z.json", "t/b-x.json", "t/b.json", "t/b/c.json" }.Select(p => p.Replace('/', Path.DirectorySeparatorChar)).ToList();
            Assert.That(paths, Is.EqualTo(expected));
            Assert.That(expected.OrderBy(p => p, StringComparer.Ordinal), Is.EqualTo(expected), "the walk order is the ordinal order of the paths");
        }

        [Test]
        public void APathNamedTwiceIsLintedOnceAndANamedToolingFileIsLinted()
        {
            Write(Path.Combine("t", "risky.json"), Risky);
            Write(Path.Combine("t", "package.json"), "{\"name\": \"x\"}");
            var (_, output, _) = Run("lint", "t", Path.Combine("t", "risky.json"), "t", Path.Combine("t", "package.json"));
            Assert.That(output.Split('\n').Count(l => l.Contains("CL1001")), Is.EqualTo(1), output);
            Assert.That(output, Does.Contain("configlint: 2 file(s)"), "package.json is skipped by a walk but linted when named");
        }

        [Test]
        public void AnOutputThatFailsToWriteIsAnErrorAndTheOtherOutputsComplete()
        {
            if (!File.Exists("/dev/full")) Assert.Ignore("needs /dev/full (Linux)");
            Write("risky.json", Risky);
            var (exit, output, err) = Run("lint", ".", "--format", "console", "--format", "sarif", "--output", "/dev/full");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(err, Does.StartWith("configlint: error: cannot write sarif output to /dev/full: "));
            Assert.That(output, Does.EndWith("configlint: 1 file(s), 1 resource(s): 0 error(s), 1 warning(s), 0 suggestion(s), 3 note(s)\n"));
        }
    }
}
