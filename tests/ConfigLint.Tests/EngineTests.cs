using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;
using ConfigLint.Rules;
using ConfigLint.Rules.Typing;
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

        [Test]
        public void ParallelRunsGiveTheSameDeterministicOrder()
        {
            var files = Enumerable.Range(0, 200).Select(i => ($"f{i:D3}.json", i % 3 == 0 ? FullTelemetry : "{\"@odata.type\":\"#microsoft.graph.intuneBrandingProfile\",\"profileName\":\"p\"}")).ToArray();
            List<string> LintAll()
            {
                var run = Lint.Engine.StartRun();
                var results = new FileResult[files.Length];
                Parallel.For(0, files.Length, i => results[i] = run.LintText(files[i].Item1, files[i].Item2));
                var all = results.SelectMany(r => r.Findings).Concat(run.Complete()).ToList();
                all.Sort(Finding.ReportOrder);
                return Lint.Lines(all);
            }
            var first = LintAll();
            // 67 CL1001; three branding notes per profile; the CL1011 and CL1026 "not checkable offline" notes.
            Assert.That(first, Has.Count.EqualTo(67 + 133 * 3 + 2));
            Assert.That(LintAll(), Is.EqualTo(first));
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
