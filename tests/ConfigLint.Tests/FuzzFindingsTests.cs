using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Cli;
using ConfigLint.Cli.Formatters;
using ConfigLint.Core.Model;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// The campaign's open findings (build/fuzz/RESULTS.md, "Open findings") that no other focused test pins down, each
    /// reproduced exactly as the campaign met it, so a regression shows here and not only in a 100,000-input run.
    /// The others are covered where their item lives: YAML exit 3 (YamlReaderTests), comments, trailing commas, control
    /// characters and big numbers (JsonReaderTests and the JSONTestSuite files), duplicate keys (YamlReaderTests),
    /// raw control and bidi characters in the line formats (EscapingTests).
    /// </summary>
    [TestFixture]
    public sealed class FuzzFindingsTests : TempFolderTests
    {
        private const string Risky = "{\"@odata.type\":\"#microsoft.graph.windows10GeneralConfiguration\",\"displayName\":\"W\",\"diagnosticsDataSubmissionMode\":\"full\"}";

        [Test]
        public void ASecondByteOrderMarkIsAnErrorAtTheStartAndTheRunGoesOn()
        {
            // Finding 5: EF BB BF EF BB BF {...} was read without an error.
            var bom = new byte[] { 0xEF, 0xBB, 0xBF };
            var run = Lint.Engine.StartRun();
            var twice = run.LintBytes("twice.json", bom.Concat(bom).Concat(System.Text.Encoding.UTF8.GetBytes(Risky)).ToArray());
            var once = run.LintBytes("once.json", bom.Concat(System.Text.Encoding.UTF8.GetBytes(Risky)).ToArray());
            Assert.That(twice.Findings.Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.InvalidJson }), string.Join("\n", Lint.Lines(twice.Findings)));
            Assert.That((twice.Findings[0].Location!.Start.Line, twice.Findings[0].Location!.Start.Column), Is.EqualTo((1, 1)));
            Assert.That(twice.Findings[0].Message, Does.Contain("U+FEFF"));
            Assert.That(once.Findings.Select(f => f.RuleId), Is.EqualTo(new[] { "CL1001" }), "one mark is the ordinary UTF-8 BOM");
        }

        [Test]
        public void TwoFileNamesThatDifferOnlyBeforeALineBreakAreTwoSarifArtifacts()
        {
            // Finding 6: a\n::error::x.json and b\n::error::x.json became one artifact URI, which the schema's
            // uniqueItems on artifacts refuses.
            if (OperatingSystem.IsWindows()) Assert.Ignore("file names with line breaks need a Unix file system");
            Write(Path.Combine("tenant", "a\n::error::x.json"), "{");
            Write(Path.Combine("tenant", "b\n::error::x.json"), "{");
            var output = new StringWriter();
            var error = new StringWriter();
            CliApp.Run(new[] { "lint", ".", "--format", "sarif" }, output, error, _dir, OutputEnvironment.None);
            Assert.That(error.ToString(), Is.Empty);
            var log = JObject.Parse(output.ToString());
            var artifacts = log["runs"]![0]!["artifacts"]!.Select(a => (string)a["location"]!["uri"]!).OrderBy(u => u, StringComparer.Ordinal).ToList();
            Assert.That(artifacts, Is.EqualTo(new[] { "tenant/a%0A%3A%3Aerror%3A%3Ax.json", "tenant/b%0A%3A%3Aerror%3A%3Ax.json" }));
            var schema = JSchema.Parse(File.ReadAllText(Path.Combine(TestPaths.Output, "Schemas", "sarif-schema-2.1.0.json")));
            Assert.That(log.IsValid(schema, out IList<string> errors), Is.True, string.Join("\n", errors));
        }
    }
}
