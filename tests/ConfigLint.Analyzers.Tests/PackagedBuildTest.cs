using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ConfigLint.Analyzers.Tests.Support;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// End to end, as a user does it: pack ConfigLint.Sdk and ConfigLint.Analyzers from this checkout into a local
    /// folder, then `dotnet build` the sample config repo (SDK form) and a repo of awkward inputs (PackageReference
    /// form) from that folder only, and check the console lines, the exit code and the compiler's SARIF against the
    /// CLI (built from the same sources) run on the same folder. About 40 s on 2 cores.
    /// </summary>
    [NonParallelizable]
    public sealed class PackagedBuildTest
    {
        private static readonly Regex BuildLine = new Regex(@"^(?<path>.+?)\((?<line>\d+),(?<col>\d+)\): (?<severity>warning|error) (?<id>CL\d{4}): ", RegexOptions.Multiline);

        private string _work = null!;
        private string _version = null!;
        private string _cli = null!;

        [OneTimeSetUp]
        public void Pack()
        {
            _work = Path.Combine(Path.GetTempPath(), "configlint-packaged-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(_work);
            // A version no earlier run used: the global packages folder never serves a stale build of this checkout.
            _version = $"0.1.0-it.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            // One pack of the two packages and the CLI they are compared with, all from the same sources. A private
            // artifacts folder keeps this build out of the checkout's bin/obj, which other builds may be using.
            var filter = Path.Combine(_work, "packaged.slnf");
            File.WriteAllText(filter, new JObject
            {
                ["solution"] = new JObject
                {
                    ["path"] = Path.Combine(Tools.RepoRoot, "ConfigLint.sln"),
                    ["projects"] = new JArray("analyzers/ConfigLint.Sdk/ConfigLint.Sdk.csproj", "analyzers/ConfigLint.Analyzers/ConfigLint.Analyzers.csproj", "analyzers/ConfigLint.Cli/ConfigLint.Cli.csproj"),
                },
            }.ToString());
            var pack = Tools.Run(Tools.Dotnet, new[]
            {
                "pack", filter, "-c", "Release", "-o", Path.Combine(_work, "feed"), "--artifacts-path", Path.Combine(_work, "artifacts"),
                "-p:Version=" + _version, "-nologo", "--disable-build-servers",
            }, Tools.RepoRoot, BuildEnvironment(packagesFolder: null), timeout: TimeSpan.FromMinutes(10)); // three projects in Release on a shared 2-core runner
            Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
            Assert.That(File.Exists(Path.Combine(_work, "feed", $"ConfigLint.Sdk.{_version}.nupkg")));
            Assert.That(File.Exists(Path.Combine(_work, "feed", $"ConfigLint.Analyzers.{_version}.nupkg")));
            _cli = Directory.GetFiles(Path.Combine(_work, "artifacts", "bin", "ConfigLint.Cli"), "configlint.dll", SearchOption.AllDirectories).Single();
        }

        [OneTimeTearDown]
        public void Clean()
        {
            try
            {
                if (_work != null && Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not a test failure.
            }
        }

        [Test]
        public void SdkFormBuildsTheSampleConfigRepoWithSeveritiesFromItsConfigFiles()
        {
            var repo = Path.Combine(_work, "sdk-repo");
            Tools.CopyDirectory(Path.Combine(Tools.RepoRoot, "tests/samples/config-repo"), repo);
            var project = Path.Combine(repo, "ConfigRepo.csproj");
            File.WriteAllText(project, Regex.Replace(File.ReadAllText(project), @"ConfigLint\.Sdk/[^""]+", "ConfigLint.Sdk/" + _version));
            WriteNuGetConfig(repo);

            var (build, sarif) = Build(repo);

            // CL1006 is raised to error by the sample's .globalconfig, so the build fails.
            Assert.That(build.ExitCode, Is.EqualTo(1), build.ToString());
            var lines = ConsoleFindings(build.StdOut, repo);
            Assert.That(lines, Is.SupersetOf(new[]
            {
                "DeviceConfiguration/Windows 10 - General.json(5,36): warning CL1001",
                "IntuneBranding/Contoso.json(6,29): error CL1006",
                "SettingsCatalog/Windows - Diagnostic data.json(14,20): warning CL1001",
            }), build.ToString());
            // lab/ is lowered to a suggestion by the sample's .editorconfig (configlint.severity.CL1001), which a build does not print.
            Assert.That(lines.Where(l => l.StartsWith("lab/", StringComparison.Ordinal)), Is.Empty, build.ToString());
            Assert.That(lines.Where(l => l.StartsWith("package.json", StringComparison.Ordinal)), Is.Empty, build.ToString());
            AssertNoLoadFailure(build);

            var lab = sarif.Single(r => r.Id == "CL1001" && r.Path == "lab/Lab kiosks - Diagnostic data.json");
            Assert.That((lab.Level, lab.Line, lab.Column, lab.EndLine, lab.EndColumn), Is.EqualTo(("note", 5, 36, 5, 42)));
            Assert.That(sarif.Single(r => r.Id == "CL1006").Level, Is.EqualTo("error"));

            // Same findings as the CLI; only the configured severities differ.
            var cli = CliFindings(repo);
            Assert.That(Keys(sarif), Is.EquivalentTo(Keys(cli)));
            foreach (var c in cli)
            {
                var expected = c.Id == "CL1006" ? "error" : c.Path.StartsWith("lab/", StringComparison.Ordinal) && c.Id == "CL1001" ? "note" : c.Level;
                Assert.That(sarif.Single(s => s.Key == c.Key).Level, Is.EqualTo(expected), c.Key);
            }
        }

        [Test]
        public void PackageReferenceFormGivesTheClisFindingsOnAwkwardInputs()
        {
            // UTF-16 with and without BOM, UTF-8 with BOM and CRLF, invalid UTF-8, truncated and empty files, a tenant finding in a file.
            var repo = Path.Combine(_work, "package-repo");
            Tools.CopyDirectory(Path.Combine(Tools.RepoRoot, "tests/ConfigLint.Analyzers.Tests/Inputs"), repo);
            File.WriteAllText(Path.Combine(repo, "ConfigRepo.csproj"),
                $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>\n  </PropertyGroup>\n"
                + $"  <ItemGroup>\n    <PackageReference Include=\"ConfigLint.Analyzers\" Version=\"{_version}\" />\n  </ItemGroup>\n</Project>\n");
            WriteNuGetConfig(repo);

            var (build, sarif) = Build(repo);

            var cli = CliFindings(repo);
            Assert.That(cli.Any(c => c.Level == "error"), "the inputs hold broken files");
            Assert.That(build.ExitCode, Is.EqualTo(1), build.ToString());
            AssertNoLoadFailure(build);
            Assert.That(ConsoleFindings(build.StdOut, repo), Is.EquivalentTo(cli.Where(c => c.Level is "error" or "warning").Select(c => $"{c.Path}({c.Line},{c.Column}): {c.Level} {c.Id}").Distinct()), build.ToString());
            Assert.That(sarif.Select(s => s.Key + " " + s.Level), Is.EquivalentTo(cli.Select(c => c.Key + " " + c.Level)));
        }

        [Test]
        public void SuppressedFindingStaysInTheBuildsSarifWithItsJustification()
        {
            var repo = Path.Combine(_work, "suppressions-repo");
            Directory.CreateDirectory(Path.Combine(repo, "Enrollment"));
            File.Copy(Path.Combine(Tools.RepoRoot, "tests", "ConfigLint.Tests", "Fixtures", "CL2029", "fail.default-restriction.json"), Path.Combine(repo, "Enrollment", "restriction.json"));
            File.WriteAllText(Path.Combine(repo, "configlint.suppressions.yaml"),
                "suppressions:\n" +
                "  - rule: CL2029\n    target: All users and all devices\n    setting: /iosRestriction/personalDeviceEnrollmentBlocked\n" +
                "    justification: iOS BYOD pilot approved by the CISO (RISK-42)\n    owner: secops@contoso.example\n    expires: 2099-12-31\n" +
                "  - rule: CL2029\n    target: All users and all devices\n    setting: /windowsRestriction/personalDeviceEnrollmentBlocked\n" +
                "    justification: lapsed\n    owner: it@contoso.example\n    expires: 2020-01-31\n");
            File.WriteAllText(Path.Combine(repo, "ConfigRepo.csproj"), $"<Project Sdk=\"ConfigLint.Sdk/{_version}\" />\n");
            WriteNuGetConfig(repo);

            var (build, sarif) = Build(repo);

            // The expired entry is a warning at its line, as the CLI prints it; the build does not fail on it.
            Assert.That(ConsoleFindings(build.StdOut, repo), Does.Contain("configlint.suppressions.yaml(8,5): warning CL0020"), build.ToString());
            AssertNoLoadFailure(build);
            var log = JObject.Parse(File.ReadAllText(Path.Combine(repo, "build.sarif")));
            var cl2029 = ((JArray)log["runs"]![0]!["results"]!).Cast<JObject>().Where(r => (string?)r["ruleId"] == "CL2029").ToList();
            Assert.That(cl2029, Has.Count.EqualTo(7), "the suppressed finding stays in the log");
            var suppressed = cl2029.Where(r => r["suppressions"] != null).ToList();
            Assert.That(suppressed, Has.Count.EqualTo(1), log.ToString());
            Assert.That((int)suppressed[0]["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!, Is.EqualTo(11));
            Assert.That(suppressed[0].ToString(), Does.Contain("iOS BYOD pilot approved by the CISO (RISK-42)").And.Contain("secops@contoso.example"));

            // The CLI suppresses the same one and reports the same expired entry.
            var cli = CliFindings(repo);
            Assert.That(Keys(sarif.Where(r => r.Id != "CL2029" || r.Line != 11)), Is.EquivalentTo(Keys(cli.Where(r => r.Id != "CL2029" || r.Line != 11))));
        }

        [Test]
        public void FifoAndSymbolicLinkLoopsUnderTheProjectAreSkippedWithAWarningAndTheBuildFinishes()
        {
            if (OperatingSystem.IsWindows()) Assert.Ignore("FIFOs and these links are a Unix matter");
            var repo = Path.Combine(_work, "fifo-repo");
            Directory.CreateDirectory(Path.Combine(repo, "DeviceConfiguration"));
            File.WriteAllText(Path.Combine(repo, "DeviceConfiguration", "risky.json"),
                "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n");
            // Reading a FIFO blocks until a writer comes: before the guard, csc never returned from this build.
            var mkfifo = Tools.Run("mkfifo", new[] { Path.Combine(repo, "DeviceConfiguration", "x.json") }, repo);
            Assert.That(mkfifo.ExitCode, Is.Zero, mkfifo.ToString());
            File.CreateSymbolicLink(Path.Combine(repo, "pipe-link.json"), Path.Combine("DeviceConfiguration", "x.json"));
            // Two loops: a pair of links naming each other, and a link to the folder above.
            File.CreateSymbolicLink(Path.Combine(repo, "loop-a"), "loop-b");
            File.CreateSymbolicLink(Path.Combine(repo, "loop-b"), "loop-a");
            Directory.CreateSymbolicLink(Path.Combine(repo, "DeviceConfiguration", "up"), "..");
            File.WriteAllText(Path.Combine(repo, "ConfigRepo.csproj"), $"<Project Sdk=\"ConfigLint.Sdk/{_version}\" />\n");
            WriteNuGetConfig(repo);

            // Tools.Run fails the test if the build does not end within its timeout.
            var (build, sarif) = Build(repo);

            Assert.That(build.ExitCode, Is.Zero, build.ToString());
            var skipped = Regex.Matches(build.StdOut, @"^(?<path>\S+) : warning CL0006: not a regular file: (?<name>\S+) is a FIFO \(named pipe\)", RegexOptions.Multiline)
                .Select(m => FindingKey.Relative(m.Groups["path"].Value, repo)).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();
            Assert.That(skipped, Is.EqualTo(new[] { "DeviceConfiguration/x.json", "pipe-link.json" }), build.ToString());
            Assert.That(ConsoleFindings(build.StdOut, repo), Is.EqualTo(new[] { "DeviceConfiguration/risky.json(4,36): warning CL1001" }), build.ToString());
            AssertNoLoadFailure(build);

            // The CLI names the FIFO too (CL0006, a note on a walk; the link to it is the same real file, followed once)
            // and lints the rest as the build does, once: neither loop is followed forever in either channel.
            var cli = CliFindings(repo);
            Assert.That(cli.Where(c => c.Id == "CL0006").Select(c => c.Path), Is.EqualTo(new[] { "DeviceConfiguration/x.json" }));
            Assert.That(Keys(sarif), Is.EquivalentTo(Keys(cli.Where(c => c.Id != "CL0006"))));
        }

        /// <summary>
        /// ConfigLintParallelBuild lints on a second thread, and ConfigLintEarlyStart passes the compiler the generator
        /// that starts the lint while it runs its generators (ConfigLint.EarlyStart.dll): on in a command-line build of
        /// the PackageReference form, off in the IDE's design-time builds, wherever the project has analyzers skipped (as
        /// the compiler targets read RunAnalyzers and RunAnalyzersDuringBuild), and in the SDK form, which removes the
        /// framework's generators (so there is no generator phase), unless it keeps them. The compiler's analyzer list is
        /// checked after the targets that build it, not just the property.
        /// </summary>
        [TestCase("package", new string[0], "true", true)]
        [TestCase("package", new[] { "-p:DesignTimeBuild=true" }, "", false)]
        [TestCase("package", new[] { "-p:BuildingInsideVisualStudio=true" }, "", false)]
        [TestCase("package", new[] { "-p:RunAnalyzers=false" }, "false", false)]
        [TestCase("package", new[] { "-p:RunAnalyzersDuringBuild=false" }, "false", false)]
        [TestCase("package", new[] { "-p:RunAnalyzers=true", "-p:RunAnalyzersDuringBuild=false" }, "true", true)]
        [TestCase("package", new[] { "-p:ConfigLintParallelBuild=false" }, "false", false)]
        [TestCase("package", new[] { "-p:ConfigLintEarlyStart=false" }, "true", false)]
        [TestCase("sdk", new string[0], "true", false)]
        [TestCase("sdk", new[] { "-p:ConfigLintKeepFrameworkAnalyzers=true" }, "true", true)]
        public void ParallelBuildAndEarlyStartAreOnInCommandLineBuildsOnly(string form, string[] properties, string parallel, bool earlyStart)
        {
            var (json, evaluate) = CompilerAnalyzers(form, properties, "ConfigLintParallelBuild");
            Assert.That((string?)json["Properties"]!["ConfigLintParallelBuild"], Is.EqualTo(parallel), evaluate.ToString());
            var analyzers = ((JArray)json["Items"]!["Analyzer"]!).Select(i => (string)i["Filename"]!).ToList();
            Assert.That(analyzers, Does.Contain("ConfigLint.Analyzers"), evaluate.ToString());
            Assert.That(analyzers.Contains("ConfigLint.EarlyStart"), Is.EqualTo(earlyStart), evaluate.ToString());
        }

        /// <summary>
        /// The packs hold ReadyToRun copies of the analyzer's DLLs per RID (r2r/RID), and the compiler gets the copies for
        /// the SDK's own RID, all eight from one folder (a host loads a folder's DLLs together), unless
        /// ConfigLintReadyToRun=false. The real builds above run them and give the CLI's findings.
        /// </summary>
        [TestCase("package", new string[0], true)]
        [TestCase("package", new[] { "-p:ConfigLintReadyToRun=false" }, false)]
        [TestCase("sdk", new string[0], true)]
        [TestCase("sdk", new[] { "-p:ConfigLintReadyToRun=false" }, false)]
        public void TheCompilerGetsTheReadyToRunCopiesForTheSdksRid(string form, string[] properties, bool readyToRun)
        {
            var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
            Assume.That(new[] { "linux-x64", "win-x64", "osx-arm64" }, Does.Contain(rid), "the packs precompile for linux-x64, win-x64 and osx-arm64 only");
            var (json, evaluate) = CompilerAnalyzers(form, properties, "ConfigLintReadyToRun");
            Assert.That((string?)json["Properties"]!["ConfigLintReadyToRun"], Is.EqualTo(readyToRun ? "true" : "false"), evaluate.ToString());
            var ours = ((JArray)json["Items"]!["Analyzer"]!).Select(i => (string)i["FullPath"]!)
                .Where(p => Path.GetFileName(p).StartsWith("ConfigLint.", StringComparison.Ordinal) || Path.GetFileName(p) is "YamlDotNet.dll" or "Microsoft.Extensions.FileSystemGlobbing.dll").ToList();
            Assert.That(ours, Has.Count.EqualTo(form == "sdk" ? 7 : 8), evaluate.ToString()); // the SDK form leaves the early start out
            var folder = readyToRun ? Path.Combine("r2r", rid) : Path.Combine("analyzers", "dotnet", "cs");
            var folders = ours.Select(p => Path.GetDirectoryName(p)!).Distinct().ToList();
            Assert.That(folders, Has.Count.EqualTo(1), evaluate.ToString());
            Assert.That(folders[0], Does.EndWith(Path.DirectorySeparatorChar + folder), evaluate.ToString());
            foreach (var dll in ours)
            {
                using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(dll));
                bool precompiled = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
                Assert.That(precompiled, Is.EqualTo(readyToRun && !dll.EndsWith("ConfigLint.CodeFixes.dll", StringComparison.Ordinal)), dll);
            }
        }

        /// <summary>A config repo of the given form restored from the feed, and the compiler's analyzer list after the targets that make it.</summary>
        private (JObject Json, Tools.ProcessResult Evaluate) CompilerAnalyzers(string form, string[] properties, string property)
        {
            var repo = Path.Combine(_work, form + "-parallel-repo");
            if (!File.Exists(Path.Combine(repo, "obj", "project.assets.json")))
            {
                Directory.CreateDirectory(repo);
                File.WriteAllText(Path.Combine(repo, "ConfigRepo.csproj"), form == "sdk"
                    ? $"<Project Sdk=\"ConfigLint.Sdk/{_version}\" />\n"
                    : $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>\n  </PropertyGroup>\n"
                      + $"  <ItemGroup>\n    <PackageReference Include=\"ConfigLint.Analyzers\" Version=\"{_version}\" />\n  </ItemGroup>\n</Project>\n");
                WriteNuGetConfig(repo);
                var restore = Tools.Run(Tools.Dotnet, new[] { "restore", "-nologo", "--disable-build-servers" }, repo, BuildEnvironment(packagesFolder: Path.Combine(_work, "packages")));
                Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
            }
            // The targets that make the compiler's analyzer list (the package's, the targeting pack's, then what the
            // SDK form and ConfigLint take out of it), and the list they leave.
            var evaluate = Tools.Run(Tools.Dotnet, new[]
            {
                "msbuild", "-nologo", "-getProperty:" + property, "-getItem:Analyzer",
                "-t:ResolveLockFileAnalyzers;ResolveTargetingPackAssets;ConfigLintLeaveOutEarlyStart;ConfigLintUseReadyToRun",
            }.Concat(properties).ToArray(), repo, BuildEnvironment(packagesFolder: Path.Combine(_work, "packages")));
            Assert.That(evaluate.ExitCode, Is.Zero, evaluate.ToString());
            return (JObject.Parse(evaluate.StdOut), evaluate);
        }

        private (Tools.ProcessResult Build, List<Result> Sarif) Build(string repo)
        {
            var sarifPath = Path.Combine(repo, "build.sarif");
            var build = Tools.Run(Tools.Dotnet, new[]
            {
                "build", "--no-incremental", "-nologo", "--disable-build-servers", "-p:ErrorLog=" + sarifPath + "%2Cversion=2.1",
            }, repo, BuildEnvironment(packagesFolder: Path.Combine(_work, "packages")));
            Assert.That(File.Exists(sarifPath), build.ToString());
            var log = JObject.Parse(File.ReadAllText(sarifPath));
            Assert.That((string?)log["version"], Is.EqualTo("2.1.0"));
            var results = ((JArray)log["runs"]![0]!["results"]!).Cast<JObject>()
                .Where(r => ((string?)r["ruleId"])?.StartsWith("CL", StringComparison.Ordinal) == true)
                .Select(r => Result.FromSarif(r, repo)).ToList();
            return (build, results);
        }

        private List<Result> CliFindings(string repo)
        {
            var cli = Tools.Run(Tools.Dotnet, new[] { _cli, "lint", ".", "--format", "json" }, repo);
            Assert.That(cli.ExitCode, Is.AnyOf(0, 1, 2), cli.ToString());
            return ((JArray)JObject.Parse(cli.StdOut)["findings"]!).Cast<JObject>().Select(Result.FromCli).ToList();
        }

        private static List<string> ConsoleFindings(string output, string repo) =>
            BuildLine.Matches(output).Select(m => $"{FindingKey.Relative(m.Groups["path"].Value, repo)}({m.Groups["line"].Value},{m.Groups["col"].Value}): {m.Groups["severity"].Value} {m.Groups["id"].Value}")
                .Distinct().ToList();

        private static void AssertNoLoadFailure(Tools.ProcessResult build)
        {
            // The package makes these errors; the analyzer turns its own failures into CL9001.
            Assert.That(build.StdOut, Does.Not.Match(@"\b(CS9057|CS8032|AD0001|CL9001)\b"), build.ToString());
        }

        private static IEnumerable<string> Keys(IEnumerable<Result> results) => results.Select(r => r.Key);

        private void WriteNuGetConfig(string repo) => File.WriteAllText(Path.Combine(repo, "nuget.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n"
            + $"    <add key=\"local\" value=\"{Path.Combine(_work, "feed")}\" />\n  </packageSources>\n</configuration>\n");

        /// <summary>
        /// A clean build environment: no compiler server or node reuse left running, and none of the MSBuild variables
        /// that `dotnet test` sets for itself. With <paramref name="packagesFolder"/>, an empty global packages folder,
        /// so the repo restores from the local feed alone.
        /// </summary>
        private static Dictionary<string, string?> BuildEnvironment(string? packagesFolder)
        {
            var env = new Dictionary<string, string?>
            {
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["UseSharedCompilation"] = "false",
                ["MSBuildSDKsPath"] = null,
                ["MSBuildExtensionsPath"] = null,
                ["MSBUILD_EXE_PATH"] = null,
                ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
            };
            if (packagesFolder != null) env["NUGET_PACKAGES"] = packagesFolder;
            return env;
        }

        /// <summary>A finding from either side, with the path relative to the repo and SARIF's level names.</summary>
        private sealed record Result(string Id, string Path, int Line, int Column, int EndLine, int EndColumn, string Level, string Message)
        {
            public string Key => $"{Id} {Path}({Line},{Column}-{EndLine},{EndColumn}): {Message}";

            public static Result FromCli(JObject f)
            {
                var severity = (string)f["severity"]!;
                var level = severity is "error" or "warning" ? severity : "note";
                // A tenant finding in no file: Roslyn has no place for its export folder but the message.
                var scope = (string?)f["scope"];
                if (f["path"] == null) return new Result((string)f["ruleId"]!, "", 0, 0, 0, 0, level, string.IsNullOrEmpty(scope) ? (string)f["message"]! : scope + ": " + (string)f["message"]!);
                return new Result((string)f["ruleId"]!, ((string)f["path"]!).Replace('\\', '/'), (int)f["line"]!, (int)f["column"]!, (int)f["endLine"]!, (int)f["endColumn"]!, level, (string)f["message"]!);
            }

            public static Result FromSarif(JObject r, string repo)
            {
                var id = (string)r["ruleId"]!;
                var level = (string?)r["level"] ?? "warning";
                var message = (string)r["message"]!["text"]!;
                var physical = r["locations"]?[0]?["physicalLocation"];
                if (physical == null) return new Result(id, "", 0, 0, 0, 0, level, message);
                var file = new Uri((string)physical["artifactLocation"]!["uri"]!).LocalPath;
                Assert.That(File.Exists(file), $"SARIF names {file}, which does not exist");
                var region = physical["region"]!;
                int line = (int)region["startLine"]!, column = (int?)region["startColumn"] ?? 1;
                return new Result(id, FindingKey.Relative(file, repo), line, column, (int?)region["endLine"] ?? line, (int?)region["endColumn"] ?? column, level, message);
            }
        }
    }
}
