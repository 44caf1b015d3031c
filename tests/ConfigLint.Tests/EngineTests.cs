using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;
using ConfigLint.Rules;
using ConfigLint.Rules.Typing;
using ConfigLint.Tools;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    [TestFixture]
    public sealed class EngineTests
    {
        private const string FullTelemetry = "{\"@odata.type\":\"#microsoft.graph.windows10GeneralConfiguration\",\"displayName\":\"X\",\"diagnosticsDataSubmissionMode\":\"full\"}";

        private sealed class ThrowingRule : ResourceRule
        {
            public static readonly RuleDescriptor Rule = new RuleDescriptor("CL3999", "Hygiene.Throws", "throws", "never", "Hygiene", Severity.Warning, "", "test");
            public override IReadOnlyList<RuleDescriptor> Descriptors => new[] { Rule };
            public override void Analyze(Resource resource, IFindingSink sink) => throw new InvalidOperationException("boom");
        }

        [Test]
        public void ThrowingRuleBecomesInternalErrorAndRunGoesOn()
        {
            var pack = IntunePack.Create();
            var broken = new RulePack(pack.Typer, pack.Extractors, RulePackLoader.Load(IntunePack.YamlPacks()), new ResourceRule[] { new ThrowingRule() }, pack.TenantRules);
            var run = new LintEngine(broken).StartRun();
            var findings = run.LintText("a.json", FullTelemetry).Findings;
            Assert.That(findings.Select(f => f.RuleId), Is.EquivalentTo(new[] { "CL1001", RuleIdentifiers.InternalError }));
            var internalError = findings.Single(f => f.RuleId == RuleIdentifiers.InternalError);
            Assert.That(internalError.Message, Does.Contain("CL3999").And.Contain("boom"));
            Assert.That(internalError.Location!.Start.Line, Is.EqualTo(1));
        }

        /// <summary>
        /// One run over every fixture at once, its files linted in parallel: each fixture still gives exactly the lines
        /// of its <c>.expected</c> file (pass fixtures none), so the total is the fixtures' own count, and a second run
        /// gives every finding of every rule in the same order.
        /// </summary>
        [Test]
        public void ParallelRunOverAllFixturesGivesEachItsExpectedFindingsInAStableOrder()
        {
            var fixtures = FixtureRunner.All(TestPaths.Fixtures);
            // Each fixture in a folder of its own, which is its own tenant, so tenant rules judge it alone as in FixtureTests.
            string Root(int i) => $"all/{i:D3}";
            var inputs = fixtures.SelectMany((f, i) => f.Files().Select(file => (Fixture: i, Path: Root(i) + "/" + file.Relative, Bytes: File.ReadAllBytes(file.FullPath)))).ToArray();

            // A file fixture's folder is declared a tenant root: a folder holding one object type is otherwise an
            // object-type folder of its parent (all/). A folder fixture is laid out under all/NNN as under its rule's
            // folder in FixtureTests, so its scopes come out as they do there (declaring it would swallow nested tenants).
            var engine = new LintEngine(IntunePack.Create(new ExportLayout(fixtures.Select((f, i) => (f, i)).Where(x => !x.f.IsFolder).Select(x => Root(x.i)))));

            List<(int Fixture, Finding Finding)> LintAll()
            {
                var run = engine.StartRun();
                var results = new FileResult[inputs.Length];
                Parallel.For(0, inputs.Length, i => results[i] = run.LintBytes(inputs[i].Path, inputs[i].Bytes));
                int FixtureOf(Finding f) => int.Parse((f.Location?.Path ?? f.Scope!).Substring(4, 3), System.Globalization.CultureInfo.InvariantCulture);
                // A fixture folder's suppressions file applies to that fixture's findings, as FixtureTests applies it.
                var all = results.SelectMany(r => r.Findings).Concat(run.Complete())
                    .GroupBy(FixtureOf)
                    .SelectMany(g => FixtureRunner.Suppressed(Lint.Engine, fixtures[g.Key], g.ToList(), Root(g.Key) + "/"))
                    .ToList();
                all.Sort(Finding.ReportOrder);
                return all.Select(f => (FixtureOf(f), f)).ToList();
            }

            // Back to the fixture's own paths: its folder prefix dropped, its tenant line printed as the fixture test prints it.
            string AsInFixture(int i, string line) =>
                (line.StartsWith(Root(i) + " : ", StringComparison.Ordinal) ? "configlint" + line.Substring(Root(i).Length) : line).Replace(Root(i) + "/", "");

            var first = LintAll();
            var expectedTotal = 0;
            for (int i = 0; i < fixtures.Count; i++)
            {
                var fixture = fixtures[i];
                var expected = fixture.IsPass ? new List<string>() : FixtureRunner.ReadExpected(fixture.ExpectedPath);
                expectedTotal += expected.Count;
                var actual = first.Where(f => f.Fixture == i && f.Finding.RuleId == fixture.RuleId).Select(f => AsInFixture(i, Lint.Lines(new[] { f.Finding })[0])).ToList();
                Assert.That(actual, Is.EqualTo(expected), $"{fixture.RuleId}/{fixture.Name} in the parallel run");
            }
            Assert.That(first.Count(f => f.Finding.RuleId == fixtures[f.Fixture].RuleId), Is.EqualTo(expectedTotal));
            Assert.That(fixtures.Count(f => !f.IsPass), Is.GreaterThan(0), "no fail fixtures found under " + TestPaths.Fixtures);
            Assert.That(expectedTotal, Is.GreaterThanOrEqualTo(fixtures.Count(f => !f.IsPass)), "every fail fixture expects at least one finding");

            var second = LintAll();
            Assert.That(Lint.Lines(second.Select(f => f.Finding)), Is.EqualTo(Lint.Lines(first.Select(f => f.Finding))));
        }

        [Test]
        public void RunCompletesOnce()
        {
            var run = Lint.Engine.StartRun();
            run.Complete();
            Assert.Throws<InvalidOperationException>(() => run.Complete());
        }

        [TestCase("rules:\n  - id: CL1\n", 2, 5, "not CL followed by four digits")]
        [TestCase("rules:\n  - id: CL1999\n    name: A.B\n    title: t\n    message: m\n    category: Privacy\n    severity: loud\n    source: s\n    property: x\n    when: missing\n", 7, 15, "unknown severity 'loud'")]
        [TestCase("rules:\n  - id: CL1999\n    name: A.B\n    title: t\n    message: m\n    category: Privacy\n    severity: info\n    source: s\n    setting: nope\n    when: missing\n", 9, 14, "unknown setting 'nope'")]
        [TestCase("rules:\n  - id: CL1999\n    name: A.B\n    title: t\n    message: m\n    category: Privacy\n    severity: info\n    source: s\n    property: x\n    when: { bigger: 2 }\n", 10, 13, "unknown operator 'bigger'")]
        [TestCase("settings: [ {\n", 2, 1, "")]
        public void BrokenPackIsReportedWithItsPosition(string yaml, int line, int column, string message)
        {
            var ex = Assert.Throws<RulePackException>(() => RulePackLoader.Load(new[] { ("my.yaml", yaml) }));
            Assert.That(ex!.Pack, Is.EqualTo("my.yaml"));
            Assert.That((ex.Line, ex.Column), Is.EqualTo((line, column)), ex.Message);
            Assert.That(ex.Message, Does.Contain(message));
        }

        [Test]
        public void EntitySetIsReadFromODataContext()
        {
            Assert.That(ODataShapes.EntitySetFromContext("https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies(assignments(),settings())/$entity"),
                Is.EqualTo("deviceManagement/configurationPolicies"));
            Assert.That(ODataShapes.EntitySetFromContext("https://graph.microsoft.com/beta/$metadata#deviceManagement/intuneBrandingProfiles"),
                Is.EqualTo("deviceManagement/intuneBrandingProfiles"));
            Assert.That(ODataShapes.EntitySetFromContext("https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies('x')/assignments"),
                Is.EqualTo("deviceManagement/configurationPolicies/assignments"));
            Assert.That(ODataShapes.EntitySetFromContext(null), Is.Null);
        }

        [Test]
        public void ODataContextAloneTypesABrandingProfile()
        {
            var text = "{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata#deviceManagement/intuneBrandingProfiles/$entity\",\"profileName\":\"P\",\"sendDeviceOwnershipChangePushNotification\":false}";
            var findings = Lint.Text("x.json", text).Where(f => f.Location != null).Select(f => f.RuleId);
            Assert.That(findings, Is.EquivalentTo(new[] { "CL1004", "CL1007", "CL1008" }));
        }
    }
}
