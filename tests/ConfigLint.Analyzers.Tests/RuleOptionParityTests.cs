using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// configlint.yaml <c>options:</c> in both channels: every option fixture (tests/ConfigLint.Tests/OptionFixtures) gives
    /// the same findings, severities and positions in the CLI and the analyzer, with and without its stricter option; a bad
    /// option value is CL0009 at the same file, line and column in both; the code fix writes the configured threshold.
    /// </summary>
    [TestFixture(Host.Ide)]
    [TestFixture(Host.CommandLine)]
    public sealed class RuleOptionParityTests
    {
        private readonly Host _host;

        public RuleOptionParityTests(Host host)
        {
            _host = host;
        }

        private static string OptionFixtures => Path.Combine(Tools.RepoRoot, "tests", "ConfigLint.Tests", "OptionFixtures");

        public static IEnumerable<TestCaseData> Cases()
        {
            foreach (var dir in Directory.GetDirectories(Path.Combine(Tools.RepoRoot, "tests", "ConfigLint.Tests", "OptionFixtures")).OrderBy(d => d, StringComparer.Ordinal))
            {
                yield return new TestCaseData(Path.GetFileName(dir), false).SetName($"Default_{Path.GetFileName(dir)}");
                yield return new TestCaseData(Path.GetFileName(dir), true).SetName($"Stricter_{Path.GetFileName(dir)}");
            }
        }

        [TestCaseSource(nameof(Cases))]
        public async Task BothChannelsAgree(string option, bool withSettings)
        {
            var root = NewRoot();
            try
            {
                var folder = Path.Combine(OptionFixtures, option);
                Write(root, "tenant/input.json", File.ReadAllText(Path.Combine(folder, "input.json")));
                if (withSettings) Write(root, "configlint.yaml", File.ReadAllText(Path.Combine(folder, "settings.txt")));

                var cli = Tools.CliFindings(root);
                // The fixture's own finding: present exactly when the stricter option is set (ID and position from expected.txt).
                var expected = File.ReadAllLines(Path.Combine(folder, "expected.txt")).Where(l => l.Length > 0)
                    .Select(l => l.Substring(l.IndexOf(": ", StringComparison.Ordinal) + 2).Split(' ')[1].TrimEnd(':') + " tenant/input.json(" + l.Substring("input.json(".Length, l.IndexOf(')') - "input.json(".Length))
                    .ToList();
                foreach (var key in expected)
                {
                    Assert.That(cli.Count(k => k.StartsWith(key.Replace(")", string.Empty) + "-", StringComparison.Ordinal)), Is.EqualTo(withSettings ? 1 : 0), $"{key} in\n{string.Join("\n", cli)}");
                }

                var files = Tools.ExportCandidatesUnder(root).Select(p => (AdditionalText)new DiskAdditionalText(p)).ToList();
                var result = await AnalyzerRunner.RunAsync(files, projectDirectory: root, host: _host);
                Assert.That(result.Exceptions, Is.Empty);
                FindingKey.AssertSame(result.Diagnostics.Select(d => FindingKey.Of(d, root)), cli, "analyzer", "CLI");
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        [TestCase("options:\n  minPasswordLength: 40\n", 2, 22, "minPasswordLength: '40' is not a whole number from 4 to 16")]
        [TestCase("options:\n  telemetryLevel: 2\n", 2, 19, "telemetryLevel: '2' is not one of security, basic, enhanced, full")]
        [TestCase("# thresholds\noptions:\n  minPasswordLenght: 8\n", 3, 3, "unknown option 'minPasswordLenght'")]
        public async Task ABadOptionIsCL0009AtItsLineInBothChannels(string settings, int line, int column, string reason)
        {
            var root = NewRoot();
            try
            {
                Write(root, "tenant/input.json", File.ReadAllText(Path.Combine(OptionFixtures, "minPasswordLength", "input.json")));
                Write(root, "configlint.yaml", settings);

                var cli = Tools.Run(Tools.Dotnet, new[] { Path.Combine(AppContext.BaseDirectory, "configlint.dll"), "lint", ".", "--root", "." }, root);
                Assert.That(cli.ExitCode, Is.EqualTo(2), cli.ToString());
                Assert.That(cli.StdErr, Does.Contain($"configlint.yaml({line},{column}): error CL0009: configlint.yaml: {reason}"));

                var files = Tools.ExportCandidatesUnder(root).Select(p => (AdditionalText)new DiskAdditionalText(p)).ToList();
                var result = await AnalyzerRunner.RunAsync(files, projectDirectory: root, host: _host);
                var keys = result.Diagnostics.Select(d => FindingKey.Of(d, root)).ToList();
                Assert.That(keys.Where(k => k.StartsWith("CL0009", StringComparison.Ordinal)).Single(),
                    Does.StartWith($"CL0009 configlint.yaml({line},{column}-{line},{column}) error: configlint.yaml: {reason}"));
                // The build goes on with the defaults: 8 characters pass the default minimum of 6.
                Assert.That(keys.Where(k => k.StartsWith("CL2019", StringComparison.Ordinal)), Is.Empty, string.Join("\n", keys));
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        /// <summary>The analyzer hands the options in force to the code fix, which then writes the configured length, not 6.</summary>
        [Test]
        public async Task TheCodeFixWritesTheConfiguredThreshold()
        {
            const string restrictions = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"passwordRequired\": true,\n  \"passwordMinimumLength\": 8\n}\n";
            var test = CodeFixTest.For("CL2020");
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.MSBuildProjectDirectory = /repo\n"));
            test.TestState.AdditionalFiles.Add(("/repo/configlint.yaml", "options:\n  minPasswordLength: 12\n"));
            test.TestState.AdditionalFiles.Add(("/repo/DeviceConfiguration/w.json", restrictions.Replace("8\n", "{|CL2020:8|}\n")));
            test.FixedState.AdditionalFiles.Add(("/repo/configlint.yaml", "options:\n  minPasswordLength: 12\n"));
            test.FixedState.AdditionalFiles.Add(("/repo/DeviceConfiguration/w.json", restrictions.Replace("8\n", "12\n")));
            await test.RunAsync();
        }

        private static string NewRoot() => Path.Combine(Path.GetTempPath(), "configlint-options-" + Guid.NewGuid().ToString("N"));

        private static void Write(string root, string relative, string text)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
