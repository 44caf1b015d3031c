using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Model;
using ConfigLint.Rules;
using ConfigLint.Tools;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// Tests as data. Each rule has a folder <c>Fixtures/CLxxxx/</c> of inputs named <c>fail.*</c> or <c>pass.*</c>
    /// (a file, or a folder linted as one run). A fail input has a <c>&lt;name&gt;.expected</c> file holding that rule's
    /// findings in the console formatter's exact <c>path(line,col): severity ID: message</c> form, paths relative
    /// to the rule folder. A pass input must be an export the engine reads and types, and give no finding of that
    /// rule. Adding a case is adding a file; <c>dotnet run --project build/tools -- update-fixtures CLxxxx</c> writes
    /// the expected files of one rule (see <see cref="FixtureRunner"/>, which both use).
    /// </summary>
    [TestFixture]
    public sealed class FixtureTests
    {
        /// <summary>Findings that mean the engine never got to judge the input: it was broken, empty, unreadable or untyped.</summary>
        private static readonly HashSet<string> NotJudged = new HashSet<string>(StringComparer.Ordinal)
        {
            RuleIdentifiers.InvalidJson, RuleIdentifiers.EmptyFile, RuleIdentifiers.UnreadableFile, RuleIdentifiers.UnknownResourceType,
        };

        /// <summary>Pass fixtures whose point is an input the engine cannot type; each says why.</summary>
        private static readonly Dictionary<string, string> UntypedOnPurpose = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CL1009/pass.no-intune-resources"] = "a tenant note must stay quiet when nothing in the inputs is an Intune export",
        };

        public static IEnumerable<TestCaseData> Cases() =>
            FixtureRunner.All(TestPaths.Fixtures).Select(f => new TestCaseData(f.RuleId, f.Name).SetName($"{f.RuleId}/{f.Name}"));

        [TestCaseSource(nameof(Cases))]
        public void Fixture(string ruleId, string name)
        {
            var fixture = new FixtureRunner.Fixture(ruleId, name, Path.Combine(TestPaths.Fixtures, ruleId));
            var findings = FixtureRunner.Lint(Lint.Engine, fixture);
            var actual = FixtureRunner.Lines(findings, ruleId);
            string update = $"`dotnet run --project build/tools -- update-fixtures {ruleId}` writes what the engine reports; check every line and column";

            if (fixture.IsPass)
            {
                // An empty or broken pass fixture (the generator's empty pass.example.json) would pass without testing
                // the rule; input rules themselves are the exception, their pass fixtures are about exactly this.
                if (PackIdentifiers.CategoryOf(ruleId) != "Input" && !UntypedOnPurpose.ContainsKey($"{ruleId}/{name}"))
                {
                    var unjudged = Lint.Lines(findings.Where(f => NotJudged.Contains(f.RuleId)));
                    Assert.That(unjudged, Is.Empty, $"{ruleId}/{name} is a pass fixture the engine could not read or type, so it tests nothing; write an export the rule inspects");
                }
                Assert.That(actual, Is.Empty, $"{ruleId}/{name} is a passing fixture but reported:\n{string.Join("\n", actual)}");
                return;
            }

            var expectedName = Path.GetFileName(fixture.ExpectedPath);
            Assert.That(File.Exists(fixture.ExpectedPath), Is.True, $"failing fixture {ruleId}/{name} needs {expectedName}; {update}");
            var expected = FixtureRunner.ReadExpected(fixture.ExpectedPath);
            Assert.That(actual, Is.Not.Empty, $"{ruleId}/{name} does not trigger {ruleId}; write an export it reports");
            Assert.That(expected, Is.Not.Empty, $"{expectedName} must list at least one finding; {update}");
            Assert.That(actual, Is.EqualTo(expected), $"{ruleId}/{name}: findings differ; {update}");
        }
    }
}
