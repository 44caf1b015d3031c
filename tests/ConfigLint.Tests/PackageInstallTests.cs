using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ConfigLint.Cli;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// The shipped tool as users get it: build/pack/pack.sh packs the top-level package and the Native AOT linux-x64
    /// package, `dotnet tool install` installs it into a temporary tool path (choosing the RID package by itself), and
    /// every command of the installed native executable must answer as the JIT-compiled CLI does: same exit code, same
    /// output. One pack and one install for the whole fixture (the AOT compile takes minutes).
    /// </summary>
    [TestFixture]
    [NonParallelizable]
    public sealed class PackageInstallTests
    {
        private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(45);
        private string _root = string.Empty;
        private string _tool = string.Empty;
        private string _sample = string.Empty;

        [OneTimeSetUp]
        public void PackAndInstall()
        {
            if (RuntimeInformation.RuntimeIdentifier != "linux-x64" || !RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                Assert.Ignore($"the Native AOT package builds only on linux-x64 (this is {RuntimeInformation.RuntimeIdentifier})");
            }
            _root = TestPaths.TempDirectory();
            // CONFIGLINT_TEST_TOOL_PACKAGES names a folder pack.sh already filled, to re-run these tests without the
            // AOT compile (a developer's loop); CI leaves it unset and packs from the checkout.
            string packages = Environment.GetEnvironmentVariable("CONFIGLINT_TEST_TOOL_PACKAGES") ?? Path.Combine(_root, "packages");
            if (!Directory.Exists(packages))
            {
                PackInto(packages);
            }
            Assert.That(Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName), Does.Contain("ConfigLint.Cli.0.1.0.nupkg").And.Contain("ConfigLint.Cli.linux-x64.0.1.0.nupkg"));
            InstallFrom(packages);
        }

        private void PackInto(string packages)
        {
            var pack = Run("bash", new[] { Path.Combine(TestPaths.RepoRoot, "build", "pack", "pack.sh"), packages }, TestPaths.RepoRoot,
                new Dictionary<string, string> { ["CONFIGLINT_PACK_RIDS"] = "linux-x64", ["CONFIGLINT_PACK_ARTIFACTS"] = Path.Combine(_root, "build") });
            Assert.That(pack.Exit, Is.EqualTo(0), "pack.sh failed:\n" + pack.Output + pack.Error);
            Assert.That(Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName), Is.EquivalentTo(new[] { "ConfigLint.Cli.0.1.0.nupkg", "ConfigLint.Cli.linux-x64.0.1.0.nupkg" }));
        }

        private void InstallFrom(string packages)
        {
            // A private NuGet cache: a package of the same version cached by an earlier run must not be installed instead.
            _tool = Path.Combine(_root, "tool");
            var install = Run("dotnet", new[] { "tool", "install", "--tool-path", _tool, "--add-source", packages, "ConfigLint.Cli", "--version", "0.1.0" }, _root,
                new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget") });
            Assert.That(install.Exit, Is.EqualTo(0), "dotnet tool install failed:\n" + install.Output + install.Error);

            _sample = Path.Combine(_root, "tenant");
            CopyFolder(Path.Combine(TestPaths.RepoRoot, "tests", "samples", "tenant"), _sample);
        }

        [OneTimeTearDown]
        public void CleanUp()
        {
            if (_root.Length > 0 && Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        [Test]
        public void InstalledToolIsTheNativeExecutable()
        {
            // The RID package was chosen: a native ELF executable, not the `dotnet configlint.dll` shim of a portable tool.
            var executable = Directory.GetFiles(Path.Combine(_tool, ".store"), "configlint", SearchOption.AllDirectories).Single();
            Assert.That(executable, Does.Contain("configlint.cli.linux-x64"));
            using var stream = File.OpenRead(executable);
            var magic = new byte[4];
            Assert.That(stream.Read(magic, 0, 4), Is.EqualTo(4));
            Assert.That(magic, Is.EqualTo(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(executable)!, "*.dll"), Is.Empty, "no IL to JIT");
        }

        [Test]
        public void LintsTheSampleWithItsDocumentedFindings()
        {
            var run = Tool(_sample, "lint", ".", "--root", ".");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.Findings), run.Error);
            var expected = File.ReadAllText(Path.Combine(_sample, "expected-findings.txt")).Replace("\r\n", "\n");
            Assert.That(run.Output, Is.EqualTo(expected));
            Assert.That(run.Output, Does.Contain("warning CL1001:").And.Contain("CL1010").And.Contain("CL1025"), "YAML rules and C# tenant rules both run");
        }

        [TestCase("console")]
        [TestCase("pretty")]
        [TestCase("sarif")]
        [TestCase("json")]
        [TestCase("github")]
        [TestCase("azure")]
        [TestCase("junit")]
        public void EveryFormatMatchesTheJitCli(string format) =>
            AssertSameAsJit(_sample, "lint", ".", "--root", ".", "--format", format);

        [TestCase("rules")]
        [TestCase("rules", "--format", "json")]
        [TestCase("rules", "--explain", "CL1001")]
        [TestCase("fix", ".", "--dry-run", "--diff")]
        [TestCase("lint", ".", "--root", ".", "--rules", "missing.yaml")]
        public void CommandMatchesTheJitCli(params string[] args) => AssertSameAsJit(_sample, args);

        [Test]
        public void SuppressAndBaselineWork()
        {
            string work = Path.Combine(_root, "adopt");
            CopyFolder(_sample, work);
            var suppress = Tool(work, "suppress", "--rule", "CL1001", "--target", "b0e5d3c2-7a1f-4e0d-8c2b-9f1e2d3c4b5a", "--justification", "accepted for the test", "--owner", "ci");
            Assert.That(suppress.Exit, Is.EqualTo(0), suppress.Output + suppress.Error);
            var lint = Tool(work, "lint", ".", "--root", ".");
            Assert.That(lint.Output, Does.Not.Contain("deviceConfigurations.json(8,40): warning CL1001"), "the suppression file is read");

            var baseline = Tool(work, "baseline", "create", ".", "--output", "known.json");
            Assert.That(baseline.Exit, Is.EqualTo(0), baseline.Output + baseline.Error);
            var again = Tool(work, "lint", ".", "--root", ".", "--baseline", "known.json");
            Assert.That(again.Exit, Is.EqualTo(ExitCodes.Success), "every finding is in the baseline:\n" + again.Output + again.Error);
        }

        [Test]
        public void AuditWithHistoryAndMergeWork()
        {
            // SQLite's native library and the reflection-serialized results.json, the two risks of a native build.
            string work = Path.Combine(_root, "audit");
            CopyFolder(_sample, Path.Combine(work, "contoso"));
            foreach (var output in new[] { "first", "second" })
            {
                var audit = Tool(work, "audit", "contoso", "--history", "history.db", "--output-dir", output);
                Assert.That(audit.Exit, Is.EqualTo(0), audit.Output + audit.Error);
            }
            var history = Tool(work, "history", "history.db");
            Assert.That(history.Exit, Is.EqualTo(0), history.Error);
            Assert.That(history.Output, Does.Contain("#1").And.Contain("#2").And.Contain("contoso"));
            Assert.That(File.ReadAllText(Path.Combine(work, "second", "results.json")), Does.Contain("\"schema\": \"configlint-audit/1\"").And.Contain("\"ruleId\": \"CL1001\""));
            var merge = Tool(work, "merge", "first/results.json", "second/results.json", "--output-dir", "merged");
            Assert.That(merge.Exit, Is.EqualTo(0), merge.Output + merge.Error);
            Assert.That(File.ReadAllText(Path.Combine(work, "merged", "merged.sarif")), Does.Contain("CL1001"));
        }

        /// <summary>
        /// The native tool against the JIT build of the same CLI (the configlint.dll beside the tests), each as a process
        /// in the same folder: an in-process run would differ for reasons of its own (a UTF-16 StringWriter in the XML
        /// declaration, the test host's working folder in tenant names).
        /// </summary>
        private void AssertSameAsJit(string directory, params string[] args)
        {
            var native = Tool(directory, args);
            var jit = Run("dotnet", new[] { Path.Combine(TestPaths.Output, "configlint.dll") }.Concat(args), directory, new Dictionary<string, string>());
            Assert.That(native.Exit, Is.EqualTo(jit.Exit), native.Error);
            Assert.That(WithoutClock(native.Output), Is.EqualTo(WithoutClock(jit.Output)));
            Assert.That(native.Error, Is.EqualTo(jit.Error));
        }

        /// <summary>The run's clock (SARIF invocation times, JUnit times and timestamps) is the only thing two runs may differ in.</summary>
        private static string WithoutClock(string text) =>
            Regex.Replace(text, "(\"(?:start|end)TimeUtc\": \"|\\b(?:time|timestamp)=\")[^\"]*\"", "$1\"");

        private (int Exit, string Output, string Error) Tool(string directory, params string[] args) =>
            Run(Path.Combine(_tool, "configlint"), args, directory, new Dictionary<string, string>());

        private static (int Exit, string Output, string Error) Run(string file, IEnumerable<string> args, string directory, Dictionary<string, string> environment)
        {
            var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            // The output must be the plain bytes a pipeline sees, whatever CI variables the test run has.
            foreach (var name in new[] { "CI", "GITHUB_ACTIONS", "TF_BUILD", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "BUILD_SOURCESDIRECTORY" }) start.Environment.Remove(name);
            start.Environment["NO_COLOR"] = "1";
            // A clean build environment for pack and install: none of the MSBuild variables `dotnet test` sets for
            // itself, no compiler server or build nodes left running after the test.
            foreach (var name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" }) start.Environment.Remove(name);
            start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["UseSharedCompilation"] = "false";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            foreach (var kv in environment) start.Environment[kv.Key] = kv.Value;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)PackTimeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{file} {string.Join(" ", args)} did not finish in {PackTimeout}");
            }
            return (process.ExitCode, output.Result.Replace("\r\n", "\n"), error.Result.Replace("\r\n", "\n"));
        }

        private static void CopyFolder(string from, string to)
        {
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }
}
