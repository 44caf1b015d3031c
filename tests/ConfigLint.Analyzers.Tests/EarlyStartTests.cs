using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// A command-line build's lint starts while the compiler runs its generators (ConfigLint.EarlyStart, EarlySessions.cs),
    /// and the analyzer takes that session over only where it was made from the same inputs. The parity fixtures run in
    /// both hosts (<see cref="Host"/>) and prove the findings; these cases prove when the hand-over happens and when it
    /// must not.
    /// </summary>
    public sealed class EarlyStartTests
    {
        private static readonly string Sample = Path.Combine(Tools.RepoRoot, "tests", "samples", "tenant");

        [Test]
        public void NoSessionStartsEarlyOutsideACommandLineBuild()
        {
            var files = SampleFiles();
            RunGenerator(files, Options(Sample, parallel: false));
            Assert.That(EarlySessions.Pending(files[0]), Is.Null, "the IDE's design-time builds do not set ConfigLintParallelBuild");
        }

        [Test]
        public async Task TheAnalyzerTakesTheEarlySessionAndFindsWhatItWouldHaveFound()
        {
            var files = SampleFiles();
            RunGenerator(files, Options(Sample, parallel: true));
            var early = EarlySessions.Pending(files[0]);
            Assert.That(early, Is.Not.Null);

            var diagnostics = await Analyze(files, Options(Sample, parallel: true));
            Assert.That(early!.IsAdopted, Is.True);
            Assert.That(EarlySessions.Pending(files[0]), Is.Null, "handed over once, then forgotten");
            FindingKey.AssertSame(Keys(diagnostics), Keys(await Analyze(SampleFiles(), Options(Sample, parallel: false))), "taken over", "the callbacks alone");
        }

        [Test]
        public async Task ACompilationWithOtherGlobalOptionsMakesItsOwnSession()
        {
            var files = SampleFiles();
            // Another project folder changes every engine path and the tenant typing: the early session is not that run.
            RunGenerator(files, Options(Path.GetDirectoryName(Sample)!, parallel: true));
            var early = EarlySessions.Pending(files[0]);
            Assert.That(early, Is.Not.Null);

            var diagnostics = await Analyze(files, Options(Sample, parallel: true));
            Assert.That(early!.IsAdopted, Is.False);
            FindingKey.AssertSame(Keys(diagnostics), Keys(await Analyze(SampleFiles(), Options(Sample, parallel: false))), "own session", "the callbacks alone");
        }

        [Test]
        public async Task ATakenSessionReportsWithTheCompilationsOwnOptions()
        {
            var files = SampleFiles();
            RunGenerator(files, Options(Sample, parallel: true));
            var early = EarlySessions.Pending(files[0]);

            // Per-file options are the compilation's, read when each diagnostic is made, never the generator's (keys come lower-cased, as from a config file).
            var raised = Options(Sample, parallel: true, ("configlint.severity.cl1003", "error"));
            var diagnostics = await Analyze(files, raised);
            Assert.That(early!.IsAdopted, Is.True);
            var raisedFindings = diagnostics.Where(d => d.Id == "CL1003").ToList();
            Assert.That(raisedFindings, Is.Not.Empty, "the sample holds CL1003 findings");
            Assert.That(raisedFindings.Select(d => d.Severity), Is.All.EqualTo(DiagnosticSeverity.Error));
            FindingKey.AssertSame(Keys(diagnostics), Keys(await Analyze(SampleFiles(), Options(Sample, parallel: false, ("configlint.severity.cl1003", "error")))),
                "taken over", "the callbacks alone");
        }

        [Test]
        public async Task ACompilationWithOtherFilesMakesItsOwnSession()
        {
            var files = SampleFiles();
            RunGenerator(files, Options(Sample, parallel: true));
            var early = EarlySessions.Pending(files[0]);

            // The same first file, one file fewer: the early session linted a different tenant.
            var fewer = files.RemoveAt(files.Length - 1);
            var diagnostics = await Analyze(fewer, Options(Sample, parallel: true));
            Assert.That(early!.IsAdopted, Is.False);
            FindingKey.AssertSame(Keys(diagnostics), Keys(await Analyze(SampleFiles().RemoveAt(files.Length - 1), Options(Sample, parallel: false))),
                "own session", "the callbacks alone");
        }

        [Test]
        public async Task ADriverRunAgainStartsNoSessionForItsEarlierFiles()
        {
            // As a compiler server does between two builds of a project: the same driver, the files handed over anew.
            var files = SampleFiles();
            var options = Options(Sample, parallel: true);
            var driver = AnalyzerRunner.EarlyStartDriver(files, options).RunGenerators(Compilation());
            var first = EarlySessions.Pending(files[0]);
            Assert.That(first, Is.Not.Null, "the driver's first run starts a session");

            var again = SampleFiles();
            driver.ReplaceAdditionalTexts(again).WithUpdatedAnalyzerConfigOptions(Options(Sample, parallel: true, ("configlint.severity.cl1003", "error")))
                .RunGenerators(Compilation());
            Assert.That(EarlySessions.Pending(again[0]), Is.Null, "a later run may hold the earlier build's objects: no session");
            Assert.That(EarlySessions.Pending(files[0]), Is.SameAs(first), "nor one that replaces the first under the earlier build's file");

            // The analyzer then lints on its own, with the same findings.
            FindingKey.AssertSame(Keys(await Analyze(again, Options(Sample, parallel: true))), Keys(await Analyze(SampleFiles(), Options(Sample, parallel: false))),
                "own session", "the callbacks alone");
        }

        private static ImmutableArray<AdditionalText> SampleFiles() =>
            Tools.ExportCandidatesUnder(Sample).OrderBy(p => p, System.StringComparer.Ordinal)
                .Select(p => (AdditionalText)new DiskAdditionalText(p)).ToImmutableArray();

        private static AnalyzerConfigOptionsProvider Options(string projectDirectory, bool parallel, params (string Key, string Value)[] extra)
        {
            var values = new Dictionary<string, string> { [LintSession.ProjectDirectoryKey] = projectDirectory };
            if (parallel) values[LintSession.ParallelBuildKey] = "true";
            foreach (var (key, value) in extra) values[key] = value;
            return new GlobalOnlyOptionsProvider(values);
        }

        private static void RunGenerator(ImmutableArray<AdditionalText> files, AnalyzerConfigOptionsProvider options)
        {
            AnalyzerRunner.EarlyStartDriver(files, options).RunGeneratorsAndUpdateCompilation(Compilation(), out var generated, out var diagnostics);
            Assert.That(diagnostics, Is.Empty);
            Assert.That(generated.SyntaxTrees, Is.Empty, "the early start adds no source");
        }

        private static async Task<ImmutableArray<Diagnostic>> Analyze(ImmutableArray<AdditionalText> files, AnalyzerConfigOptionsProvider options)
        {
            var exceptions = new List<System.Exception>();
            var withAnalyzers = Compilation().WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConfigLintAnalyzer()),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(files, options), (ex, _, _) => exceptions.Add(ex), concurrentAnalysis: true, logAnalyzerExecutionTime: false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.That(exceptions, Is.Empty);
            return diagnostics;
        }

        private static CSharpCompilation Compilation() => AnalyzerRunner.ConfigRepoCompilation();

        private static IEnumerable<string> Keys(ImmutableArray<Diagnostic> diagnostics) => diagnostics.Select(d => FindingKey.Of(d, Sample));
    }
}
