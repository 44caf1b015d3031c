using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Rules.Tenant;
using ConfigLint.Rules.Typing;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// The streaming run: results in input order whatever order the workers finish in, tenant rules judged per export
    /// root and reported right after that root's last file, and failures that stop the run instead of hanging it.
    /// </summary>
    [TestFixture]
    public sealed class PipelineTests
    {
        /// <summary>A policy with one CL1001 finding at (4,36).</summary>
        private static string Telemetry(int n) => "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"P" + n + "\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";
        private const string Branding = "{\n  \"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\",\n  \"profileName\": \"P\",\n  \"privacyUrl\": \"https://contoso.example/privacy\",\n  \"disableClientTelemetry\": true,\n  \"sendDeviceOwnershipChangePushNotification\": true\n}\n";

        /// <summary>Records what the pipeline hands over, in the order it does.</summary>
        private sealed class Recorder : ILintListener
        {
            public readonly List<string> Events = new List<string>();
            public readonly List<(string Scope, IReadOnlyList<Finding> Findings)> Scopes = new List<(string, IReadOnlyList<Finding>)>();
            public readonly List<FileResult> Files = new List<FileResult>();
            public Action<FileResult>? OnFile;
            private int _inside;

            public void FileLinted(FileResult result)
            {
                // The listener is never called from two threads at once.
                Assert.That(Interlocked.Increment(ref _inside), Is.EqualTo(1));
                Events.Add("file " + result.Path);
                Files.Add(result);
                OnFile?.Invoke(result);
                Interlocked.Decrement(ref _inside);
            }

            public void ScopeCompleted(string scope, IReadOnlyList<Finding> findings)
            {
                Assert.That(Interlocked.Increment(ref _inside), Is.EqualTo(1));
                Events.Add("scope " + scope);
                Scopes.Add((scope, findings));
                Interlocked.Decrement(ref _inside);
            }
        }

        private static LintInput Input(string path, string text) => new LintInput(path, () => Encoding.UTF8.GetBytes(text));

        private static Recorder Run(IEnumerable<LintInput> inputs, int workers)
        {
            var recorder = new Recorder();
            LintPipeline.Run(Lint.Engine.StartRun(), inputs, workers, recorder);
            return recorder;
        }

        [Test]
        public void EachTenantIsJudgedOnItsOwnAndReportedAfterItsLastFile()
        {
            var recorder = Run(new[]
            {
                Input("a/IntuneBranding/branding.json", Branding),
                Input("a/SettingsCatalog/p.json", Telemetry(1)),
                Input("b/DeviceConfiguration/p.json", Telemetry(2)),
            }, workers: 2);

            Assert.That(recorder.Events, Is.EqualTo(new[]
            {
                "file a/IntuneBranding/branding.json", "file a/SettingsCatalog/p.json", "scope a",
                "file b/DeviceConfiguration/p.json", "scope b",
            }));
            // Tenant a exported a branding profile; b did not, and a's profile does not count for b.
            var a = recorder.Scopes.Single(s => s.Scope == "a").Findings;
            var b = recorder.Scopes.Single(s => s.Scope == "b").Findings;
            Assert.That(a.Select(f => f.RuleId), Does.Not.Contain(NoBrandingProfileRule.Id));
            var missing = b.Single(f => f.RuleId == NoBrandingProfileRule.Id);
            Assert.That((missing.Location, missing.Scope, missing.MessageWithScope), Is.EqualTo(((object?)null, "b", "b: " + missing.Message)));
            Assert.That(recorder.Files.Select(f => f.Findings.Count(x => x.RuleId == "CL1001")), Is.EqualTo(new[] { 0, 1, 1 }));
        }

        [Test]
        public void NestedExportRootsCompleteInnermostFirst()
        {
            var recorder = Run(new[]
            {
                Input("t/SettingsCatalog/p.json", Telemetry(1)),
                Input("t/lab/p.json", Telemetry(2)),
                Input("t/z.json", Telemetry(3)),
                Input("u.json", Telemetry(4)),
            }, workers: 3);
            Assert.That(recorder.Events, Is.EqualTo(new[]
            {
                "file t/SettingsCatalog/p.json", "file t/lab/p.json", "scope t/lab", "file t/z.json", "scope t", "file u.json", "scope ",
            }));
        }

        [Test]
        public void ResultsComeInInputOrderWhicheverWorkerFinishesFirst()
        {
            // Big files early and slow reads on some, so that later files finish first.
            var inputs = Enumerable.Range(0, 400).Select(i =>
            {
                var text = Telemetry(i) + (i % 50 == 0 ? new string(' ', 200_000) : string.Empty);
                var bytes = Encoding.UTF8.GetBytes(text);
                return new LintInput($"t/DeviceConfiguration/{i:D4}.json", () =>
                {
                    if (i % 7 == 0) Thread.Sleep(2);
                    return bytes;
                });
            }).ToList();
            var recorder = Run(inputs, workers: 4);
            Assert.That(recorder.Files.Select(f => f.Path), Is.EqualTo(inputs.Select(i => i.Path)));
            Assert.That(recorder.Files.All(f => f.Findings.Single().Location!.Path == f.Path), Is.True);
            Assert.That(recorder.Events.Last(), Is.EqualTo("scope t"));
        }

        [Test]
        public void AFileThatCannotBeReadIsReportedAndTheRunGoesOn()
        {
            var recorder = Run(new[]
            {
                Input("t/a.json", Telemetry(1)),
                new LintInput("t/gone.json", () => throw new IOException("the disk went away")),
                Input("t/c.json", Telemetry(3)),
            }, workers: 2);
            var gone = recorder.Files[1].Findings.Single();
            Assert.That((gone.RuleId, gone.Location!.Path, gone.Message), Is.EqualTo(("CL0003", "t/gone.json", "cannot read the file: the disk went away")));
            Assert.That(recorder.Files[2].Findings.Single().RuleId, Is.EqualTo("CL1001"));
        }

        [Test]
        public void InputsOutOfFolderOrderFailTheRunInsteadOfSplittingATenant()
        {
            var inputs = new[]
            {
                Input("a/p.json", Telemetry(1)),
                Input("b/p.json", Telemetry(2)),
                Input("a/q.json", Telemetry(3)),
            };
            var ex = Assert.Throws<InvalidOperationException>(() => Run(inputs, workers: 1));
            Assert.That(ex!.Message, Does.Contain("tenant scope 'a' was completed before a/q.json was linted"));
        }

        [Test]
        public void AListenerFailureStopsTheRun()
        {
            var inputs = Enumerable.Range(0, 200).Select(i => Input($"t/{i:D3}.json", Telemetry(i)));
            var recorder = new Recorder { OnFile = f => { if (f.Path == "t/010.json") throw new IOException("no space left on device"); } };
            var ex = Assert.Throws<InvalidOperationException>(() => LintPipeline.Run(Lint.Engine.StartRun(), inputs, 2, recorder));
            Assert.That(ex!.InnerException, Is.TypeOf<IOException>());
            Assert.That(recorder.Files.Count, Is.EqualTo(11), "nothing is reported after the failure");
        }

        [Test]
        public void AnEmptyInputListCompletesWithNothing()
        {
            var recorder = Run(Array.Empty<LintInput>(), workers: 2);
            Assert.That(recorder.Events, Is.Empty);
        }

        [TestCase("t/SettingsCatalog/a.json", "t")]
        [TestCase("tenants/contoso/Device Configurations/Assignments/a.json", "tenants/contoso")]
        [TestCase("t/lab/a.json", "t/lab")]
        [TestCase("a.json", "")]
        [TestCase("SettingsCatalog/a.json", "")]
        [TestCase("/SettingsCatalog/a.json", "/")]
        [TestCase("/srv/t/a.json", "/srv/t")]
        [TestCase(@"C:\exports\t\Settings Catalog\a.json", @"C:\exports\t")]
        public void TenantScopeIsTheExportRootAsWritten(string path, string scope)
        {
            Assert.That(ExportLayout.TenantScope(path), Is.EqualTo(scope));
            Assert.That(LintPipeline.IsUnder(path, scope), Is.True);
        }

        [TestCase("t/a.json", "t", true)]
        [TestCase("tx/a.json", "t", false)]
        [TestCase("t", "t", false)]
        [TestCase("/a.json", "/", true)]
        [TestCase(@"t\a.json", "t", true)]
        public void IsUnderMeansInsideTheFolder(string path, string scope, bool expected) =>
            Assert.That(LintPipeline.IsUnder(path, scope), Is.EqualTo(expected));
    }
}
