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
            // t/lab holds two kinds of objects (a branding profile, a device configuration): a tenant of its own.
            var recorder = Run(new[]
            {
                Input("t/SettingsCatalog/p.json", Telemetry(1)),
                Input("t/lab/b.json", Branding),
                Input("t/lab/p.json", Telemetry(2)),
                Input("t/z.json", Telemetry(3)),
                Input("u.json", Telemetry(4)),
            }, workers: 3);
            Assert.That(recorder.Events, Is.EqualTo(new[]
            {
                "file t/SettingsCatalog/p.json", "file t/lab/b.json", "file t/lab/p.json", "scope t/lab", "file t/z.json", "scope t", "file u.json", "scope ",
            }));
        }

        /// <summary>An iOS compliance policy that requires a passcode (or not) and blocks jailbroken devices (or not).</summary>
        private static string IosCompliance(string name, bool passcode, bool jailbreak) =>
            "{\n  \"@odata.type\": \"#microsoft.graph.iosCompliancePolicy\",\n  \"displayName\": \"" + name + "\",\n  \"passcodeRequired\": " +
            (passcode ? "true" : "false") + ",\n  \"securityBlockJailbrokenDevices\": " + (jailbreak ? "true" : "false") + "\n}\n";

        [TestCase(1)]
        [TestCase(3)]
        public void UnknownFoldersHoldingOneObjectTypeAreOneTenantWithTheirExport(int workers)
        {
            // One tenant's iOS compliance policies split into two folders whose names say nothing: each folder holds
            // compliance policies only, so both are object-type folders of t. Judged apart, "iOS A" would have no policy
            // blocking jailbroken devices (CL2021) and "iOS B" none requiring a passcode (CL2018).
            var recorder = Run(new[]
            {
                Input("t/Branding/b.json", Branding),
                Input("t/iOS A/p1.json", IosCompliance("A", passcode: true, jailbreak: false)),
                Input("t/iOS A/p2.json", IosCompliance("A2", passcode: true, jailbreak: false)),
                Input("t/iOS B/p3.json", IosCompliance("B", passcode: false, jailbreak: true)),
                Input("u/p.json", Telemetry(1)),
            }, workers);
            Assert.That(recorder.Events, Is.EqualTo(new[]
            {
                "file t/Branding/b.json", "file t/iOS A/p1.json", "file t/iOS A/p2.json", "file t/iOS B/p3.json", "scope t", "file u/p.json", "scope ",
            }));
            var t = recorder.Scopes.Single(s => s.Scope == "t").Findings;
            Assert.That(t.Select(f => f.RuleId), Does.Not.Contain("CL2018").And.Not.Contain("CL2021").And.Not.Contain(NoBrandingProfileRule.Id));
            // u holds one object type too: it folds into the run's own folder, the empty scope.
            var top = recorder.Scopes.Single(s => s.Scope == "").Findings;
            Assert.That(top.Where(f => f.RuleId == NoBrandingProfileRule.Id).Select(f => f.Scope), Is.EqualTo(new[] { "" }));
        }

        [Test]
        public void TheSameFoldersJudgedApartReportWhatEachLacks()
        {
            // The control for the test above: a folder with compliance policies and a branding profile holds two kinds,
            // so it is a tenant of its own, and each tenant is judged alone.
            var recorder = Run(new[]
            {
                Input("t/iOS A/b.json", Branding),
                Input("t/iOS A/p1.json", IosCompliance("A", passcode: true, jailbreak: false)),
                Input("t/iOS B/b.json", Branding),
                Input("t/iOS B/p3.json", IosCompliance("B", passcode: false, jailbreak: true)),
            }, workers: 2);
            Assert.That(recorder.Events, Is.EqualTo(new[] { "file t/iOS A/b.json", "file t/iOS A/p1.json", "scope t/iOS A", "file t/iOS B/b.json", "file t/iOS B/p3.json", "scope t/iOS B" }));
            var a = recorder.Scopes.Single(s => s.Scope == "t/iOS A").Findings.Where(f => f.RuleId.StartsWith("CL20", StringComparison.Ordinal)).ToList();
            var b = recorder.Scopes.Single(s => s.Scope == "t/iOS B").Findings.Where(f => f.RuleId.StartsWith("CL20", StringComparison.Ordinal)).ToList();
            Assert.That(a.Select(f => (f.RuleId, f.Location!.Path, f.Location.Start.Line, f.Location.Start.Column)), Is.EqualTo(new[] { ("CL2021", "t/iOS A/p1.json", 3, 3) }));
            Assert.That(b.Select(f => (f.RuleId, f.Location!.Path, f.Location.Start.Line, f.Location.Start.Column)), Is.EqualTo(new[] { ("CL2018", "t/iOS B/p3.json", 3, 3) }));
        }

        [Test]
        public void FlatTenantsWithSeveralObjectTypesStayApart()
        {
            var recorder = Run(new[]
            {
                Input("tenants/contoso/b.json", Branding),
                Input("tenants/contoso/p.json", Telemetry(1)),
                Input("tenants/fabrikam/p.json", Telemetry(2)),
                Input("tenants/fabrikam/q.json", "{\"value\": [" + Telemetry(3) + "]}"),
            }, workers: 2);
            // fabrikam holds one object type, but one of its files is a whole list page: a tenant's export, not a type's folder.
            Assert.That(recorder.Events, Is.EqualTo(new[]
            {
                "file tenants/contoso/b.json", "file tenants/contoso/p.json", "scope tenants/contoso", "file tenants/fabrikam/p.json", "file tenants/fabrikam/q.json", "scope tenants/fabrikam",
            }));
        }

        [Test]
        public void TheCompilerOrderFoldsTheSameScopes()
        {
            // The analyzer lints in any order and completes once: the same folders fold, the same findings come out.
            var run = Lint.Engine.StartRun();
            foreach (var (path, text) in new[]
            {
                ("t/iOS B/p3.json", IosCompliance("B", passcode: false, jailbreak: true)),
                ("t/iOS A/p1.json", IosCompliance("A", passcode: true, jailbreak: false)),
                ("t/Branding/b.json", Branding),
            })
            {
                run.LintText(path, text);
            }
            var findings = run.Complete();
            Assert.That(findings.Select(f => f.Scope ?? f.TenantScope).Distinct(), Is.EqualTo(new[] { "t" }));
            Assert.That(findings.Select(f => f.RuleId), Does.Not.Contain("CL2018").And.Not.Contain("CL2021"));
        }

        [TestCase("t/iOS A", "t")]
        [TestCase("t/SettingsCatalog/sub", "t")]
        [TestCase("iOS A", "")]
        [TestCase("/srv/t/iOS A", "/srv/t")]
        [TestCase(@"C:\exports\t\iOS A", @"C:\exports\t")]
        [TestCase("", null)]
        public void AnObjectTypeFolderBelongsToTheScopeOfItsParent(string scope, string? enclosing) =>
            Assert.That(ExportLayout.Inferred.EnclosingScope(scope), Is.EqualTo(enclosing));

        [Test]
        public void ADeclaredTenantRootNeverFolds() =>
            Assert.That(new ExportLayout(new[] { "customers/one" }).EnclosingScope("customers/one"), Is.Null);

        [TestCase("iosCompliancePolicy", "deviceCompliancePolicies")]
        [TestCase("windows10CompliancePolicy", "deviceCompliancePolicies")]
        [TestCase("windows10GeneralConfiguration", "deviceConfigurations")]
        [TestCase("iosGeneralDeviceConfiguration", "deviceConfigurations")]
        [TestCase("windows10EnrollmentCompletionPageConfiguration", "deviceEnrollmentConfigurations")]
        [TestCase("iosManagedAppProtection", "managedAppPolicies")]
        [TestCase("deviceManagementConfigurationPolicy", "configurationPolicies")]
        [TestCase("deviceManagementIntentSettings", "intents")]
        [TestCase("intuneBrandingProfile", "intuneBrandingProfile")]
        public void ObjectKindsAreGraphCollections(string type, string kind) =>
            Assert.That(ExportLayout.ObjectKind(type, TypeEvidence.Declared), Is.EqualTo(kind));

        [Test]
        public void ATypeToldByAFolderNameIsNoEvidenceForThatFolder()
        {
            Assert.That(ExportLayout.ObjectKind("iosCompliancePolicy", TypeEvidence.FileLocation), Is.Null);
            Assert.That(ExportLayout.ObjectKind("assignment", TypeEvidence.Shape), Is.Null);
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
