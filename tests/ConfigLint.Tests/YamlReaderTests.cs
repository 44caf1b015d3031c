using System.Linq;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>The YAML reader never throws past a file, and reads a stream document by document.</summary>
    [TestFixture]
    public sealed class YamlReaderTests
    {
        private const string Risky = "'@odata.type': '#microsoft.graph.windows10GeneralConfiguration'\ndisplayName: Risky\ndiagnosticsDataSubmissionMode: full\n";

        [TestCase("a: [b\nc: 1\n", TestName = "Unclosed flow sequence")]
        [TestCase("a: \"\\uDC00\\uD800\"\n", TestName = "Reversed surrogate pair escape")]
        [TestCase("a: \"\\uD800\"\n", TestName = "Lone high surrogate escape")]
        [TestCase("a: \"\\uDC00 x\"\n", TestName = "Lone low surrogate escape")]
        [TestCase("a: \"\\U0011FFFF\"\n", TestName = "Code point past U+10FFFF")]
        [TestCase("a: {b: [c, {d: e]}\n", TestName = "Mismatched flow brackets")]
        [TestCase("a: &x [1]\nb: *x\n", TestName = "Alias refused")]
        [TestCase("- a\nb: c\n", TestName = "Sequence then mapping")]
        [TestCase("a:\n\t- b\n", TestName = "Tab indentation")]
        [TestCase("? [a]\n: b\n", TestName = "Complex key")]
        public void BrokenYamlIsOneErrorWithAPositionAndTheRunGoesOn(string yaml)
        {
            var run = Lint.Engine.StartRun();
            var bad = run.LintText("bad.yaml", yaml);
            var good = run.LintText("good.yaml", Risky);
            Assert.That(bad.Findings.Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.InvalidJson }), string.Join("\n", Lint.Lines(bad.Findings)));
            Assert.That(bad.Findings[0].Message, Does.StartWith("invalid YAML at line "));
            Assert.That(bad.Findings[0].Location!.StartOffset, Is.InRange(0, yaml.Length));
            Assert.That(good.Findings.Select(f => f.RuleId), Is.EqualTo(new[] { "CL1001" }));
        }

        [Test]
        public void UnclosedFlowSequenceIsPlacedAtTheFault()
        {
            var findings = Lint.Text("bad.yaml", "a: [b\nc: 1\n");
            Assert.That(findings[0].Location!.Start.Line, Is.EqualTo(2));
        }

        [Test]
        public void ADuplicateKeyIsAnErrorAtTheSecondKeyAndTheRestIsStillChecked()
        {
            var yaml = "displayName: First\n" + Risky;
            var findings = Lint.Text("dup.yaml", yaml).Where(f => f.Location != null).ToList();
            Assert.That(Lint.Lines(findings), Is.EqualTo(new[]
            {
                "dup.yaml(3,1): error CL0001: invalid YAML at line 3, column 1: the key 'displayName' appears twice in this mapping; YAML keys must be unique",
                "dup.yaml(4,32): warning CL1001: Windows diagnostic data is above Basic/Required (1): property 'diagnosticsDataSubmissionMode' is 'full'; set it to Basic/Required (1) or lower",
            }));
        }

        [Test]
        public void ARiskySecondDocumentIsFound()
        {
            var yaml = "'@odata.type': '#microsoft.graph.windows10GeneralConfiguration'\ndisplayName: Fine\ndiagnosticsDataSubmissionMode: basic\n---\n" + Risky;
            var findings = Lint.Text("two.yaml", yaml).Where(f => f.Location != null);
            Assert.That(Lint.Lines(findings), Is.EqualTo(new[]
            {
                "two.yaml(7,32): warning CL1001: Windows diagnostic data is above Basic/Required (1): property 'diagnosticsDataSubmissionMode' is 'full'; set it to Basic/Required (1) or lower",
            }));
        }

        [Test]
        public void DocumentsBeforeABrokenOneAreStillChecked()
        {
            var yaml = Risky + "---\na: [b\nc: 1\n";
            var findings = Lint.Text("broken-second.yaml", yaml).Where(f => f.Location != null).ToList();
            Assert.That(findings.Select(f => (f.RuleId, f.Location!.Start.Line)), Is.EqualTo(new[] { ("CL1001", 3), (RuleIdentifiers.InvalidJson, 6) }));
        }

        [Test]
        public void EmptyDocumentsAreSkippedAndAllEmptyIsAnEmptyFile()
        {
            var result = YamlTreeParser.Read(new SourceText("x.yaml", "---\n---\na: 1\n---\n"));
            Assert.That(result.Problems, Is.Empty);
            Assert.That(result.Documents, Has.Count.EqualTo(1));
            Assert.That(Lint.Text("e.yaml", "---\n...\n---\n").Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.EmptyFile }));
        }

        [Test]
        public void DeepNestingIsRefusedNotOverflowed()
        {
            var yaml = "a: " + new string('[', 5000) + new string(']', 5000) + "\n";
            var findings = Lint.Text("deep.yaml", yaml);
            Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { RuleIdentifiers.InvalidJson }));
            Assert.That(findings[0].Message, Does.Contain("nesting deeper than"));
        }
    }
}
