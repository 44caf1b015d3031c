using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Cli;
using ConfigLint.Cli.Formatters;
using ConfigLint.Cli.Formatters.Escaping;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// Hostile names (policy names, descriptions, file and folder names) through every format, replayed through the
    /// parser models of the GitHub runner and the Azure agent (<see cref="CiLogModels"/>): no command other than the
    /// intended ones can start, and no line carries a raw control or bidi character.
    /// </summary>
    [TestFixture]
    public sealed class EscapingTests : TempFolderTests
    {
        /// <summary>What an attacker puts in a name: line breaks before commands, mid-line commands, ANSI and bidi.</summary>
        private static readonly string[] Payloads =
        {
            "a\n::error file=x::pwned",
            "b\r::add-mask::secret",
            "c\r\n##vso[task.setvariable variable=PWNED]1",
            "d ##vso[task.complete result=Failed;]x",
            "e ##[add-mask]secret",
            "f\u2028::warning::ls",
            "g\u0085::notice::nel",
            "::stop-commands::tok",
            "h \u001b[31mred\u001b[0m \u0007 \u009b2J \u0000",
            "i \u202Egnp.exe\u202C \u2066x\u2069",
            "j %0A::error::encoded %AZP25 %3B ]",
            "##[group]k",
            "  ::error::leading",
        };

        private void WriteHostileTenant()
        {
            int n = 0;
            foreach (var payload in Payloads)
            {
                n++;
                // The name is in the messages of CL1004 (warning) and CL1008 (suggestion).
                string branding = "{\"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\", \"profileName\": " + Newtonsoft.Json.JsonConvert.ToString(payload) +
                    ", \"disableClientTelemetry\": true, \"sendDeviceOwnershipChangePushNotification\": false}";
                Write(Path.Combine("tenant", "IntuneBranding", $"p{n:D2}.json"), branding);
            }
            // File and folder names: where the file system allows it (Linux allows every character but '/' and NUL).
            if (!OperatingSystem.IsWindows())
            {
                Write(Path.Combine("tenant", "x\n::error::file.json"), "{");
                Write(Path.Combine("tenant", "##vso[task.setvariable variable=V]1", "y\r::warning::z.json"), "{ \"a\": ");
                Write(Path.Combine("::error::root-level.json"), "{");
                Write(Path.Combine("tenant", "bidi\u202Eftp.json"), "{");
            }
        }

        private string Run(string format, OutputEnvironment? environment = null)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            CliApp.Run(new[] { "lint", ".", "--format", format }, output, error, _dir, environment ?? OutputEnvironment.None);
            Assert.That(error.ToString(), Is.Empty);
            return output.ToString();
        }

        private static void AssertNoRawControlOrBidi(string format, string output)
        {
            foreach (var line in output.Split('\n'))
            {
                var text = line.TrimEnd('\r');
                var bad = text.Where(VisibleText.IsUnsafe).Select(c => $"U+{(int)c:X4}").ToList();
                Assert.That(bad, Is.Empty, $"{format}: raw characters in: {text}");
            }
        }

        [TestCase("console")]
        [TestCase("pretty")]
        public void LinesForPeopleStartNoCommand(string format)
        {
            WriteHostileTenant();
            var output = Run(format);
            Assert.That(output, Does.Contain("CL1004"), "the hostile names reached the report");
            AssertNoRawControlOrBidi(format, output);
            Assert.That(CiLogModels.GitHub(output), Is.Empty, "GitHub runner: " + string.Join("\n", CiLogModels.GitHub(output).Select(c => c.Line)));
            Assert.That(CiLogModels.Azure(output), Is.Empty, "Azure agent: " + string.Join("\n", CiLogModels.Azure(output).Select(c => c.Line)));
            Assert.That(output, Does.Contain("a\\u000A::error file=x::pwned"), "shown, visibly escaped, on its line");
        }

        [Test]
        public void GitHubRunsOnlyTheIntendedAnnotations()
        {
            WriteHostileTenant();
            var output = Run("github");
            AssertNoRawControlOrBidi("github", output);
            var commands = CiLogModels.GitHub(output);
            Assert.That(commands.Select(c => c.Name).Distinct(), Is.SubsetOf(new[] { "group", "endgroup", "error", "warning", "notice" }));
            Assert.That(commands.Count(c => c.Name == "group"), Is.EqualTo(1));
            Assert.That(CiLogModels.Azure(output), Is.Empty, "nothing the Azure agent would run either");
            var annotations = commands.Where(c => c.Name is "error" or "warning" or "notice").ToList();
            // Each annotation's text, once the runner unescapes it, still holds the name whole and visible.
            var cl1004 = annotations.Where(a => a.Properties["title"].StartsWith("CL1004", StringComparison.Ordinal)).ToList();
            Assert.That(cl1004, Is.Not.Empty);
            Assert.That(cl1004.Select(a => a.Data), Has.Some.Contains("'a\\u000A::error file=x::pwned'"));
            Assert.That(annotations.Where(a => a.Properties.ContainsKey("file")).Select(a => a.Properties["file"]), Has.All.StartWith("tenant/").Or.StartWith("\\u003A").Or.StartWith("::"));
        }

        [Test]
        public void AzureRunsOnlyTheIntendedCommandsForEverySeverity()
        {
            WriteHostileTenant();
            var output = Run("azure", new OutputEnvironment(new Dictionary<string, string> { ["TF_BUILD"] = "True", ["AGENT_TEMPDIRECTORY"] = _dir }));
            AssertNoRawControlOrBidi("azure", output);
            var commands = CiLogModels.Azure(output);
            Assert.That(commands.Select(c => c.Name).Distinct(), Is.SubsetOf(new[] { "##[group", "##[endgroup", "task.logissue", "task.uploadsummary" }));
            Assert.That(commands.Count(c => c.Name == "##[group"), Is.EqualTo(1));
            Assert.That(CiLogModels.GitHub(output).Select(c => c.Name).Distinct(), Is.Empty.Or.SubsetOf(new[] { "##[group", "##[endgroup" }), "nothing the GitHub runner would run either");
            var issues = commands.Where(c => c.Name == "task.logissue").ToList();
            Assert.That(issues.Select(c => c.Properties["type"]).Distinct(), Is.SubsetOf(new[] { "error", "warning" }));
            Assert.That(issues.Select(c => c.Data), Has.Some.Contains("'d ##vso\\u005Btask.complete result=Failed;]x'"));
            // Suggestions (CL1008) are plain lines: escaped as well.
            Assert.That(output, Does.Contain("CL1008"));
        }

        [Test]
        public void SarifAndJsonKeepEveryPathWhole()
        {
            if (OperatingSystem.IsWindows()) Assert.Ignore("file names with line breaks need a Unix file system");
            WriteHostileTenant();
            int files = Directory.EnumerateFiles(_dir, "*.json", SearchOption.AllDirectories).Count();
            var sarif = JObject.Parse(Run("sarif"));
            var artifacts = sarif["runs"]![0]!["artifacts"]!.Select(a => (string)a["location"]!["uri"]!).ToList();
            Assert.That(artifacts, Has.Count.EqualTo(files));
            Assert.That(artifacts, Does.Contain("tenant/x%0A%3A%3Aerror%3A%3Afile.json"));
            var json = JObject.Parse(Run("json"));
            Assert.That(json["findings"]!.Select(f => (string?)f["path"]), Does.Contain("tenant/x\n::error::file.json"));
            Assert.That((int)json["files"]!, Is.EqualTo(files));
        }

        [Test]
        public void JobSummaryShowsNamesAsText()
        {
            WriteHostileTenant();
            var summary = Path.Combine(_dir, "summary.md");
            Run("github", new OutputEnvironment(new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary }));
            var text = File.ReadAllText(summary);
            AssertNoRawControlOrBidi("summary", text);
            Assert.That(text, Does.Not.Contain("<").And.Not.Contain("](javascript"));
            foreach (var row in text.Split('\n').Where(l => l.StartsWith("| warning | CL1004", StringComparison.Ordinal)))
            {
                Assert.That(row.Replace("\\|", string.Empty).Count(c => c == '|'), Is.EqualTo(5), "a name cannot add a table cell: " + row);
            }
        }

        [TestCase("\u001b[2J", "\\u001B[2J")]
        [TestCase("x##[add-mask]y", "x##\\u005Badd-mask]y")]
        [TestCase("x##VSO[task]y", "x##VSO\\u005Btask]y")]
        [TestCase("a\r\nb", "a\\u000D\\u000Ab")]
        [TestCase("emoji \ud83d\ude00 stays", "emoji \ud83d\ude00 stays")]
        [TestCase("[brackets] stay", "[brackets] stay")]
        public void VisibleTextEscapes(string input, string expected) => Assert.That(VisibleText.Escape(input), Is.EqualTo(expected));

        [Test]
        public void VisibleTextShowsALoneSurrogate() => Assert.That(VisibleText.Escape(new string(new[] { '\ud800', 'x', '\udc00' })), Is.EqualTo("\\uD800x\\uDC00"));
    }
}
