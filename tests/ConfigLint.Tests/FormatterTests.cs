using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using ConfigLint.Cli;
using ConfigLint.Cli.Formatters;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>The output formats as CI hosts and people read them (issue 11) and their escaping (issue 13, item 3).</summary>
    [TestFixture]
    public sealed class FormatterTests : TempFolderTests
    {
        private const string Risky = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Risky\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";
        private const string Clean = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Clean\",\n  \"diagnosticsDataSubmissionMode\": \"basic\"\n}\n";

        private static OutputEnvironment Env(bool terminal = false, params (string Key, string Value)[] variables) =>
            new OutputEnvironment(variables.ToDictionary(v => v.Key, v => v.Value), terminal);

        private (int Exit, string Out, string Err) RunIn(string folder, OutputEnvironment environment, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = CliApp.Run(args, output, error, folder, environment);
            return (exit, output.ToString().Replace("\r\n", "\n"), error.ToString());
        }

        private static string Branding(string name, bool notify = false, bool privacy = false) =>
            "{\n  \"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\",\n  \"profileName\": " + Newtonsoft.Json.JsonConvert.ToString(name) + ",\n" +
            (privacy ? "  \"privacyUrl\": \"https://contoso.example/privacy\",\n" : string.Empty) +
            "  \"disableClientTelemetry\": true,\n  \"sendDeviceOwnershipChangePushNotification\": " + (notify ? "true" : "false") + "\n}\n";

        private static JSchema SarifSchema() => JSchema.Parse(File.ReadAllText(Path.Combine(TestPaths.Output, "Schemas", "sarif-schema-2.1.0.json")));

        private static void AssertValidSarif(JObject log)
        {
            Assert.That(log.IsValid(SarifSchema(), out IList<string> errors), Is.True, string.Join("\n", errors));
        }

        // ---------------------------------------------------------------- SARIF

        [Test]
        public void SarifIsReadyForCodeScanning()
        {
            Write(Path.Combine("contoso", "DeviceConfiguration", "risky.json"), Risky);
            Write(Path.Combine("contoso", "IntuneBranding", "branding.json"), Branding("Contoso"));
            Write(Path.Combine("contoso", "broken.json"), "{ \"a\": ");
            Write(".editorconfig", "root = true\n[*.json]\nconfiglint.severity.CL1001 = bogus\n");
            var (exit, output, err) = Run("lint", "contoso", "--format", "sarif");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            Assert.That(err, Does.Contain("'bogus' is not a severity"), "the notification still goes to standard error");
            var log = JObject.Parse(output);
            AssertValidSarif(log);
            var run = log["runs"]![0]!;

            var rules = run["tool"]!["driver"]!["rules"]!.ToList();
            // The pack's rules and the configuration diagnostics (CL0008 is reported here, for the bogus severity).
            Assert.That(rules, Has.Count.EqualTo(ConfigLint.Rules.IntunePack.Create().Descriptors.Count + ConfigLint.Configuration.ConfigurationDiagnostics.All.Count()));
            Assert.That(run["tool"]!["driver"]!["informationUri"], Is.Null, "no address the project does not own");
            foreach (var rule in rules)
            {
                string id = (string)rule["id"]!;
                Assert.That((string?)rule["help"]?["text"], Is.Not.Null.And.Not.Empty, id);
                Assert.That((string?)rule["help"]?["markdown"], Does.StartWith("# " + id), id);
                Assert.That((string?)rule["fullDescription"]!["text"], Is.Not.EqualTo((string?)rule["shortDescription"]!["text"]), id);
                Assert.That(rule["helpUri"], Is.Null, id + ": no help link without a help base");
                Assert.That((string?)rule["properties"]!["precision"], Is.AnyOf("very-high", "high", "medium", "low"), id);
                var tags = rule["properties"]!["tags"]!.Select(t => (string)t!).ToList();
                string category = (string)rule["properties"]!["category"]!;
                if (category == "Security" || category == "Privacy")
                {
                    Assert.That(tags, Does.Contain("security"), id);
                    Assert.That(double.Parse((string)rule["properties"]!["security-severity"]!, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(0.1, 10.0), id);
                }
                if (category == "Privacy") Assert.That(tags, Does.Contain("privacy"), id);
            }
            var cl1001 = rules.Single(r => (string?)r["id"] == "CL1001");
            Assert.That(cl1001["properties"]!["tags"]!.Select(t => (string)t!), Is.SupersetOf(new[] { "security", "privacy", "dpia" }));
            Assert.That((string?)cl1001["properties"]!["security-severity"], Is.EqualTo("6.0"));

            var results = run["results"]!.ToList();
            Assert.That(results.Select(r => (string?)r["ruleId"]), Does.Contain("CL1001").And.Contain("CL0001").And.Contain("CL1004"));
            foreach (var result in results)
            {
                var region = result["locations"]![0]!["physicalLocation"]!["region"]!;
                Assert.That((int?)region["startLine"], Is.GreaterThanOrEqualTo(1), result.ToString());
                Assert.That((string?)result["partialFingerprints"]![SarifFormatter.FingerprintKey], Does.Match("^[0-9a-f]{16,}$"), result.ToString());
            }
            Assert.That((string?)run["automationDetails"]!["id"], Is.EqualTo("configlint/contoso/"));

            var invocation = run["invocations"]![0]!;
            Assert.That(((int?)invocation["exitCode"], (bool?)invocation["executionSuccessful"]), Is.EqualTo((1, true)));
            Assert.That(new Uri((string)invocation["workingDirectory"]!["uri"]!).LocalPath.TrimEnd('/'), Is.EqualTo(_dir.TrimEnd('/')));
            Assert.That(DateTime.Parse((string)invocation["endTimeUtc"]!), Is.GreaterThanOrEqualTo(DateTime.Parse((string)invocation["startTimeUtc"]!)));
            Assert.That(invocation["toolConfigurationNotifications"]!.Select(n => (string?)n["message"]!["text"]), Has.Some.Contains("'bogus' is not a severity"));
        }

        /// <summary>
        /// The properties GitHub code scanning requires or uses, as listed in "SARIF support for code scanning"
        /// (https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
        /// </summary>
        [Test]
        public void SarifHasTheFieldsGitHubCodeScanningRequires()
        {
            Write(Path.Combine("t", "risky.json"), Risky);
            Write(Path.Combine("t", "clean.json"), Clean);
            var (_, output, _) = Run("lint", "t", "--format", "sarif");
            var log = JObject.Parse(output);
            var missing = new List<string>();
            void Require(JToken? token, string path, string where)
            {
                if (token?.SelectToken(path) is not JToken value || (value.Type == JTokenType.String && ((string)value!).Length == 0)) missing.Add(where + "." + path);
            }
            Require(log, "version", "sarifLog");
            Require(log, "runs", "sarifLog");
            Assert.That((string?)log["version"], Is.EqualTo("2.1.0"));
            foreach (var run in log["runs"]!)
            {
                Require(run, "tool.driver.name", "run");
                Require(run, "results", "run");
                Require(run, "automationDetails.id", "run");
                foreach (var rule in run["tool"]!["driver"]!["rules"]!)
                {
                    foreach (var p in new[] { "id", "shortDescription.text", "fullDescription.text", "help.text", "defaultConfiguration.level", "properties.tags", "properties.precision" }) Require(rule, p, "rule " + rule["id"]);
                }
                foreach (var result in run["results"]!)
                {
                    foreach (var p in new[] { "ruleId", "message.text", "locations[0].physicalLocation.artifactLocation.uri", "locations[0].physicalLocation.region.startLine", "partialFingerprints" }) Require(result, p, "result " + result["ruleId"]);
                }
            }
            Assert.That(missing, Is.Empty);
        }

        [Test]
        public void HelpLinksAndAutomationIdAreSettable()
        {
            Write(Path.Combine("t", "risky.json"), Risky);
            var (_, output, _) = Run("lint", "t", "--format", "sarif", "--help-base-uri", "https://docs.example.org/configlint/rules", "--automation-id", "nightly/contoso/");
            var log = JObject.Parse(output);
            AssertValidSarif(log);
            var run = log["runs"]![0]!;
            var cl1001 = run["tool"]!["driver"]!["rules"]!.Single(r => (string?)r["id"] == "CL1001");
            Assert.That((string?)cl1001["helpUri"], Is.EqualTo("https://docs.example.org/configlint/rules/CL1001.md"));
            Assert.That((string?)cl1001["help"]!["markdown"], Does.Contain("](https://docs.example.org/configlint/rules/CL1002.md)"), "links between doc pages resolve under the base");
            Assert.That((string?)run["automationDetails"]!["id"], Is.EqualTo("nightly/contoso/"));

            var (_, json, _) = Run("lint", "t", "--format", "json");
            Assert.That(JObject.Parse(json)["findings"]![0]!["helpUri"], Is.Null);

            // The settings key the analyzer reads too (a global config), overridden by the option.
            File.WriteAllText(Path.Combine(_dir, ".globalconfig"), "is_global = true\nconfiglint.help_base_uri = https://wiki.example.org/lint/\n");
            var (_, fromSettings, _) = Run("lint", "t", "--format", "json");
            Assert.That((string?)JObject.Parse(fromSettings)["findings"]![0]!["helpUri"], Is.EqualTo("https://wiki.example.org/lint/CL1001.md"));
        }

        [Test]
        public void RulesExplainPrintsTheShippedDocPage()
        {
            var (exit, output, _) = Run("rules", "--explain", "CL1001");
            Assert.That(exit, Is.EqualTo(ExitCodes.Success));
            Assert.That(output, Is.EqualTo(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "rules", "docs", "CL1001.md")).Replace("\r\n", "\n")));
            var (missing, _, err) = Run("rules", "--explain", "CL9999");
            Assert.That((missing, err), Is.EqualTo((ExitCodes.UsageError, "configlint: error: no rule 'CL9999'; 'configlint rules' lists them\n")));
        }

        // ---------------------------------------------------------------- repository-root paths

        [Test]
        public void TheSameReportFromThreeStartFolders()
        {
            Directory.CreateDirectory(Path.Combine(_dir, ".git"));
            Write(Path.Combine("exports", "contoso", "DeviceConfiguration", "risky.json"), Risky);
            Write(Path.Combine("exports", "contoso", "IntuneBranding", "branding.json"), Branding("Contoso"));
            var starts = new[]
            {
                (_dir, Path.Combine("exports", "contoso")),
                (Path.Combine(_dir, "exports"), "contoso"),
                (Path.Combine(_dir, "exports", "contoso", "DeviceConfiguration"), ".."),
            };
            foreach (var format in new[] { "sarif", "github", "console", "json", "junit" })
            {
                var outputs = starts.Select(s => RunIn(s.Item1, OutputEnvironment.None, "lint", s.Item2, "--format", format).Out).Select(o => Normalize(format, o)).ToList();
                Assert.That(outputs[1], Is.EqualTo(outputs[0]), format + " from exports/");
                Assert.That(outputs[2], Is.EqualTo(outputs[0]), format + " from exports/contoso/DeviceConfiguration");
                if (format == "github") Assert.That(outputs[0], Does.Contain("::warning file=exports/contoso/DeviceConfiguration/risky.json,line=4,"));
                if (format == "sarif") Assert.That(outputs[0], Does.Contain("\"uri\": \"exports/contoso/DeviceConfiguration/risky.json\""));
            }
        }

        /// <summary>The invocation records where and when the command ran, so it differs by design; the rest must not.</summary>
        private static string Normalize(string format, string output)
        {
            if (format == "sarif")
            {
                var log = JObject.Parse(output);
                log["runs"]![0]!["invocations"]!.Parent!.Remove();
                return log.ToString();
            }
            if (format == "junit") return Regex.Replace(output, "(time|timestamp)=\"[^\"]*\"", "$1=\"\"");
            return output;
        }

        [Test]
        public void WithoutGitTheRootIsTheCiWorkspace()
        {
            Write(Path.Combine("exports", "risky.json"), Risky);
            var env = Env(false, ("GITHUB_WORKSPACE", _dir));
            var (_, output, _) = RunIn(Path.Combine(_dir, "exports"), env, "lint", ".", "--format", "github");
            Assert.That(output, Does.Contain("::warning file=exports/risky.json,line=4,"));
            var (_, azure, _) = RunIn(Path.Combine(_dir, "exports"), Env(false, ("BUILD_SOURCESDIRECTORY", _dir)), "lint", ".", "--format", "console");
            Assert.That(azure, Does.StartWith(Path.Combine("exports", "risky.json") + "(4,36): warning CL1001"));
            var (_, explicitRoot, _) = RunIn(Path.Combine(_dir, "exports"), env, "lint", ".", "--root", ".");
            Assert.That(explicitRoot, Does.StartWith("risky.json(4,36): warning CL1001"));
        }

        // ---------------------------------------------------------------- GitHub Actions

        [Test]
        public void GitHubAnnotationsAreOrderedCappedAndSummarized()
        {
            for (int i = 0; i < 12; i++) Write(Path.Combine("t", $"broken{i:D2}.json"), "{");
            for (int i = 0; i < 40; i++) Write(Path.Combine("t", $"risky{i:D2}.json"), Risky);
            for (int i = 0; i < 160; i++) Write(Path.Combine("t", $"brand{i:D3}.json"), Branding("B" + i, notify: true));
            string summaryFile = Path.Combine(_dir, "summary.md");
            File.WriteAllText(summaryFile, "earlier step\n");
            var env = Env(false, ("GITHUB_STEP_SUMMARY", summaryFile), ("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_REPOSITORY", "contoso/intune"), ("GITHUB_SHA", "abc123"));
            var (exit, output, _) = RunIn(_dir, env, "lint", "t", "--format", "github");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));

            var commands = CiLogModels.GitHub(output);
            Assert.That(commands.Select(c => c.Name).Distinct(), Is.SubsetOf(new[] { "group", "endgroup", "error", "warning", "notice" }));
            var annotations = commands.Where(c => c.Name is "error" or "warning" or "notice").ToList();
            Assert.That(annotations.Count(a => a.Name == "error"), Is.EqualTo(GitHubFormatter.AnnotationsPerKind));
            Assert.That(annotations.Count(a => a.Name == "warning"), Is.EqualTo(GitHubFormatter.AnnotationsPerKind));
            Assert.That(annotations.Count(a => a.Name == "notice"), Is.EqualTo(GitHubFormatter.AnnotationsPerKind), "9 notices and the 'more' line");
            Assert.That(annotations.Select(a => a.Name), Is.EqualTo(annotations.Select(a => a.Name).OrderBy(n => n == "error" ? 0 : n == "warning" ? 1 : 2)), "most severe first");
            // 12 broken files, 40 risky ones, 160 branding profiles without a privacy statement, 2 tenant notes.
            int total = 12 + 40 + 160 + 2;
            var more = annotations.Last();
            Assert.That(more.Data, Does.StartWith($"{total - 29} more finding(s) not shown as annotations"));
            Assert.That(more.Data, Does.Contain("12 error(s), 40 warning(s), 162 notice(s)"));
            // Every finding is still in the log, in the group.
            Assert.That(CiLogModels.Lines(output).Count(l => Regex.IsMatch(l, @"^t/\S+\(\d+,\d+\): (error|warning|info) CL")), Is.EqualTo(total));

            var summary = File.ReadAllText(summaryFile);
            Assert.That(summary, Does.StartWith("earlier step\n## ConfigLint failed"), "appended, not overwritten");
            Assert.That(summary, Does.Contain("| error | 12 |").And.Contain("| warning | 40 |").And.Contain("| suggestion | 160 |").And.Contain("| note | 2 |"));
            Assert.That(summary, Does.Contain("| warning | CL1001 | [t/risky00.json(4,36)](<https://github.com/contoso/intune/blob/abc123/t/risky00.json#L4>) |"));
            Assert.That(summary, Does.Contain("### Top rules").And.Contain("| CL1008 | Privacy.Branding.NoPrivacyExplanation | 160 | suggestion |"));
        }

        [Test]
        public void GitHubWithinTheLimitsPrintsNoMoreLine()
        {
            Write(Path.Combine("t", "risky.json"), Risky);
            var (_, output, _) = Run("lint", "t", "--format", "github");
            var annotations = CiLogModels.GitHub(output).Where(c => c.Name is "error" or "warning" or "notice").ToList();
            Assert.That(annotations.Select(a => a.Name), Is.EqualTo(new[] { "warning", "notice", "notice", "notice" }));
            Assert.That(output, Does.Not.Contain("more finding(s)"));
        }

        // ---------------------------------------------------------------- Azure Pipelines

        [Test]
        public void AzureGroupsSummarizesAndPassesWithIssuesBelowTheFailLevel()
        {
            Write(Path.Combine("t", "risky.json"), Risky);
            var agentTemp = Directory.CreateDirectory(Path.Combine(_dir, "agent-temp")).FullName;
            var env = Env(false, ("TF_BUILD", "True"), ("AGENT_TEMPDIRECTORY", agentTemp));
            var (exit, output, _) = RunIn(_dir, env, "lint", "t", "--format", "azure", "--fail-level", "error");
            Assert.That(exit, Is.EqualTo(ExitCodes.Success));
            var commands = CiLogModels.Azure(output);
            Assert.That(commands.Select(c => c.Name), Is.EqualTo(new[] { "##[group", "task.logissue", "##[endgroup", "task.uploadsummary", "task.complete" }));
            Assert.That(commands[1].Properties["sourcepath"], Is.EqualTo(Path.Combine(_dir, "t", "risky.json")), "absolute, as Azure's docs ask");
            Assert.That(commands[4].Properties["result"], Is.EqualTo("SucceededWithIssues"));
            var summary = File.ReadAllText(commands[3].Data);
            Assert.That(Path.GetDirectoryName(commands[3].Data), Is.EqualTo(agentTemp));
            Assert.That(summary, Does.Contain("## ConfigLint passed").And.Contain("| warning | 1 |"));

            var (failing, output2, _) = RunIn(_dir, env, "lint", "t", "--format", "azure");
            Assert.That(failing, Is.EqualTo(ExitCodes.Findings));
            Assert.That(CiLogModels.Azure(output2).Select(c => c.Name), Does.Not.Contain("task.complete"));
        }

        // ---------------------------------------------------------------- JUnit

        [Test]
        public void JUnitValidatesAgainstTheXsdAndListsPasses()
        {
            Write(Path.Combine("t", "a-risky.json"), Risky);
            Write(Path.Combine("t", "b-clean.json"), Clean);
            var (exit, output, _) = Run("lint", "t", "--format", "junit");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));

            var schemas = new XmlSchemaSet();
            schemas.Add(null, Path.Combine(TestPaths.Output, "Schemas", "junit-10.xsd"));
            var doc = XDocument.Parse(output);
            var problems = new List<string>();
            doc.Validate(schemas, (_, e) => problems.Add(e.Message));
            Assert.That(problems, Is.Empty);

            var suite = doc.Root!.Elements("testsuite").Single(s => ((string)s.Attribute("name")!).StartsWith("CL1001 ", StringComparison.Ordinal));
            var cases = suite.Elements("testcase").ToList();
            var clean = cases.Single(c => ((string)c.Attribute("name")!).StartsWith("t/b-clean.json", StringComparison.Ordinal));
            var risky = cases.Single(c => ((string)c.Attribute("name")!).StartsWith("t/a-risky.json", StringComparison.Ordinal));
            Assert.That(clean.Elements("failure"), Is.Empty, "a checked resource without a finding is a passing case");
            Assert.That((string)risky.Element("failure")!, Does.StartWith("t/a-risky.json(4,36): warning CL1001: Windows diagnostic data is above Basic/Required"));
            Assert.That(((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures")), Is.EqualTo(("2", "1")));
            // Tenant rules have a case per tenant export, input rules one per file.
            Assert.That(doc.Root.Elements("testsuite").Single(s => ((string)s.Attribute("name")!).StartsWith("CL0001 ", StringComparison.Ordinal)).Elements("testcase").Count(), Is.EqualTo(2));
        }

        // ---------------------------------------------------------------- console for people

        [Test]
        public void ConsoleIsColouredOnlyOnATerminalWithoutNoColorOrCi()
        {
            Write("risky.json", Risky);
            var (_, plain, _) = Run("lint", ".");
            var (_, terminal, _) = RunIn(_dir, Env(true), "lint", ".");
            // Ordinal: a culture-aware Contains ignores ESC, and would pass for "[33m" without it.
            Assert.That(terminal.IndexOf("risky.json(4,36): \u001b[33mwarning\u001b[0m CL1001:", StringComparison.Ordinal), Is.GreaterThanOrEqualTo(0), terminal);
            Assert.That(Regex.Replace(terminal, "\u001b\\[[0-9;]*m", string.Empty), Is.EqualTo(plain), "colour is the only difference");
            Assert.That(RunIn(_dir, Env(true, ("NO_COLOR", "1")), "lint", ".").Out, Is.EqualTo(plain));
            Assert.That(RunIn(_dir, Env(true, ("CI", "true")), "lint", ".").Out, Is.EqualTo(plain));
            var prettyInCi = RunIn(_dir, Env(true, ("CI", "true")), "lint", ".", "--format", "pretty").Out;
            // Ordinal: a culture-aware search ignores control characters and would find ESC everywhere.
            Assert.That(prettyInCi.IndexOf('\u001b'), Is.EqualTo(-1));
        }

        [Test]
        public void PrettyNamesSeveritiesAndSummarizesByRule()
        {
            Write(Path.Combine("t", "risky.json"), Risky);
            Write(Path.Combine("t", "brand.json"), Branding("Contoso", notify: true));
            var (exit, output, _) = Run("lint", "t", "--format", "pretty");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            var lines = output.Split('\n');
            Assert.That(lines, Does.Contain(Path.Combine("t", "risky.json")));
            Assert.That(lines, Has.Some.Match(@"^  4:36\s+warning\s+CL1001  Windows diagnostic data"));
            Assert.That(lines, Has.Some.Match(@"^  \S+\s+suggestion\s+CL1008  "));
            Assert.That(output, Does.Contain("4 finding(s): 0 error(s), 1 warning(s), 1 suggestion(s), 2 note(s) in 2 file(s), 2 resource(s)"));
            Assert.That(lines, Has.Some.Match(@"^\s+1  warning\s+CL1001  Privacy.Windows.DiagnosticDataAboveBasic$"));
        }

        [Test]
        public void QuietPrintsOnlyWhatFails()
        {
            Write(Path.Combine("t", "risky.json"), Risky);
            Write(Path.Combine("t", "brand.json"), Branding("Contoso", notify: true));
            var (_, console, _) = Run("lint", "t", "--quiet");
            Assert.That(console.Split('\n').Where(l => l.Contains(" CL")).Select(l => Regex.Match(l, "CL\\d{4}").Value), Is.EqualTo(new[] { "CL1001" }));
            var (_, suggestionLevel, _) = Run("lint", "t", "--quiet", "--fail-level", "suggestion");
            Assert.That(suggestionLevel, Does.Contain("CL1008").And.Not.Contain("CL1009"));
            var (_, pretty, _) = Run("lint", "t", "--quiet", "--format", "pretty");
            Assert.That(pretty, Does.Contain("warning    CL1001  Windows").And.Not.Contain("CL1008  Branding").And.Contain("(3 below the fail level not shown: --quiet)"));
        }

        // ---------------------------------------------------------------- README

        [Test]
        public void ReadmeListsEveryFormat()
        {
            var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
            int start = readme.IndexOf("### Output formats", StringComparison.Ordinal);
            Assert.That(start, Is.GreaterThan(0));
            var section = readme.Substring(start, readme.IndexOf("\n## ", start, StringComparison.Ordinal) - start);
            foreach (var name in FormatterRegistry.Names) Assert.That(section, Does.Contain($"- `{name}`"), name);
            Assert.That(readme, Does.Contain($"--format {string.Join("|", FormatterRegistry.Names)}"), "the usage line");
        }

        [Test]
        public void EveryFormatterFileStartsWithTheSpecItEmits()
        {
            var folder = Path.Combine(TestPaths.RepoRoot, "analyzers", "ConfigLint.Cli", "Formatters");
            foreach (var formatter in FormatterRegistry.All)
            {
                var file = Path.Combine(folder, formatter.GetType().Name + ".cs");
                Assert.That(File.Exists(file), Is.True, "one formatter per file: " + file);
                var text = File.ReadAllText(file);
                int summary = text.IndexOf("/// <summary>", StringComparison.Ordinal);
                Assert.That(text.IndexOf("https://", summary, StringComparison.Ordinal), Is.LessThan(text.IndexOf("/// </summary>", summary, StringComparison.Ordinal)), file + " names its spec in the summary");
            }
        }
    }
}
