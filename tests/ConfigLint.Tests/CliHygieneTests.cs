using System.IO;
using ConfigLint.Cli;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>Command-line mistakes are usage errors (exit 2) that say what to write, never a silent guess.</summary>
    [TestFixture]
    public sealed class CliHygieneTests : TempFolderTests
    {
        private const string Risky = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";

        [SetUp]
        public void WriteRiskyExport()
        {
            File.WriteAllText(Path.Combine(_dir, "risky.json"), Risky);
        }

        [TestCase("lint", "--verbose", ".")]
        [TestCase("lint", ".", "--verbose")]
        [TestCase("lint", "-z", ".")]
        public void AnUnknownOptionIsAUsageErrorNotAPath(params string[] args)
        {
            var (exit, output, error) = Run(args);
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(error, Does.Contain("unknown option '-").And.Not.Contain("path not found"));
            Assert.That(output, Is.Empty);
        }

        [Test]
        public void APathThatLooksLikeAnOptionFollowsDoubleDash()
        {
            File.WriteAllText(Path.Combine(_dir, "-odd.json"), Risky);
            var (exit, output, _) = Run("lint", "--format", "json", "--", "-odd.json");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            Assert.That(output, Does.Contain("\"path\": \"-odd.json\""));
        }

        [TestCase("report.txt")]
        [TestCase("report")]
        public void OutputWithoutFormatOrTellingExtensionIsAUsageError(string file)
        {
            var (exit, _, error) = Run("lint", ".", "--output", file);
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(error, Does.Contain($"--output {file} has no --format before it"));
            Assert.That(File.Exists(Path.Combine(_dir, file)), Is.False);
        }

        [TestCase("out.sarif", "\"version\": \"2.1.0\"")]
        [TestCase("out.json", "\"findings\"")]
        public void AnOutputExtensionTellsTheFormat(string file, string marker)
        {
            var (exit, output, _) = Run("lint", ".", "--output", file);
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            Assert.That(output, Is.Empty);
            Assert.That(File.ReadAllText(Path.Combine(_dir, file)), Does.Contain(marker));
        }
    }
}
