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
    /// Every severity word, in every place a severity can be configured, through both channels: the CLI as a process
    /// and the analyzer as the compiler runs it, on the same folder. Each case also states the expected outcome, so
    /// the two channels cannot agree on a wrong answer.
    /// </summary>
    [TestFixture(Host.Ide)]
    [TestFixture(Host.CommandLine)]
    public sealed class SeverityParityTests
    {
        private readonly Host _host;

        public SeverityParityTests(Host host)
        {
            _host = host;
        }

        private const string Full = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";

        private static readonly string[] Words = { "error", "warning", "suggestion", "info", "silent", "hidden", "none", "default" };

        /// <summary>What each word gives CL1001 (a warning by default); null = not reported.</summary>
        private static string? Expected(string word) => word switch
        {
            "silent" or "hidden" or "none" => null,
            "default" => "warning",
            _ => word,
        };

        /// <summary>The compiler's own words in dotnet_diagnostic.*: info and hidden are not among them (CL0008, rule unchanged).</summary>
        private static string? ExpectedFromCompiler(string word) => word switch
        {
            "silent" or "none" => null,
            "default" or "info" or "hidden" => "warning",
            _ => word,
        };

        public sealed record Case(string Name, string ConfigPath, string ConfigText, string? Severity, bool ConfigProblem)
        {
            public override string ToString() => Name;
        }

        public static IEnumerable<Case> Cases()
        {
            foreach (var w in Words)
            {
                yield return new Case($"editorconfig [*.json] {w}", ".editorconfig", $"root = true\n[*.json]\nconfiglint.severity.CL1001 = {w}\n", Expected(w), false);
                yield return new Case($"editorconfig escaped header {w}", ".editorconfig", $"root = true\n[Device\\ Configurations/*.json]\nconfiglint.severity.CL1001 = {w}\n", Expected(w), false);
                yield return new Case($"nested editorconfig {w}", "Device Configurations/.editorconfig", $"[*.json]\nconfiglint.severity.CL1001 = {w}\n", Expected(w), false);
                yield return new Case($"globalconfig configlint key {w}", ".globalconfig", $"is_global = true\nconfiglint.severity.CL1001 = {w}\n", Expected(w), false);
                yield return new Case($"globalconfig dotnet_diagnostic {w}", ".globalconfig", $"is_global = true\ndotnet_diagnostic.CL1001.severity = {w}\n", ExpectedFromCompiler(w), w is "info" or "hidden");
                yield return new Case($"scoped globalconfig {w}", "Device Configurations/.globalconfig", $"dotnet_diagnostic.CL1001.severity = {(w is "info" or "hidden" ? "default" : w)}\nconfiglint.severity.CL1001 = {w}\n",
                    w is "info" or "hidden" ? Expected(w) : (Expected(w) == null || ExpectedFromCompiler(w) == null ? null : ExpectedFromCompiler(w) == "warning" ? Expected(w) : ExpectedFromCompiler(w)), false);
            }
            yield return new Case("misspelled key", ".editorconfig", "root = true\n[*.json]\nconfiglint.severty.CL1001 = none\n", "warning", true);
            yield return new Case("unknown rule", ".editorconfig", "root = true\n[*.json]\nconfiglint.severity.CL1999 = none\n", "warning", true);
            yield return new Case("invalid value", ".editorconfig", "root = true\n[*.json]\nconfiglint.severity.CL1001 = eror\n", "warning", true);
        }

        [TestCaseSource(nameof(Cases))]
        public async Task BothChannelsGiveTheExpectedSeverity(Case c)
        {
            var root = Path.Combine(Path.GetTempPath(), "configlint-parity-" + Guid.NewGuid().ToString("N"));
            try
            {
                Directory.CreateDirectory(Path.Combine(root, "Device Configurations"));
                Directory.CreateDirectory(Path.Combine(root, "other"));
                File.WriteAllText(Path.Combine(root, "Device Configurations", "a.json"), Full);
                File.WriteAllText(Path.Combine(root, "other", "b.json"), Full);
                File.WriteAllText(Path.Combine(root, c.ConfigPath), c.ConfigText);

                var cli = Tools.CliFindings(root);
                var files = Tools.ExportCandidatesUnder(root).Select(p => (AdditionalText)new DiskAdditionalText(p)).ToList();
                var configs = Directory.EnumerateFiles(root, ".*config", SearchOption.AllDirectories).ToList();
                var result = await AnalyzerRunner.RunAsync(files, projectDirectory: root, configFiles: configs, host: _host);
                Assert.That(result.Exceptions, Is.Empty);
                var analyzer = result.Diagnostics.Select(d => FindingKey.Of(d, root)).ToList();
                FindingKey.AssertSame(analyzer, cli, "analyzer", "CLI");

                var target = cli.Where(k => k.StartsWith("CL1001 Device Configurations/a.json", StringComparison.Ordinal)).ToList();
                Assert.That(target.Select(k => k.Split(' ')[3].TrimEnd(':')), Is.EqualTo(c.Severity == null ? Array.Empty<string>() : new[] { c.Severity }), string.Join("\n", cli));
                Assert.That(cli.Any(k => k.StartsWith("CL0008 ", StringComparison.Ordinal)), Is.EqualTo(c.ConfigProblem), string.Join("\n", cli));
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        [Test]
        public async Task AGlobalconfigInOneTenantLeavesTheOtherAlone()
        {
            var root = Path.Combine(Path.GetTempPath(), "configlint-parity-" + Guid.NewGuid().ToString("N"));
            try
            {
                foreach (var tenant in new[] { "tenant-a", "tenant-b" })
                {
                    Directory.CreateDirectory(Path.Combine(root, tenant, "DeviceConfiguration"));
                    File.WriteAllText(Path.Combine(root, tenant, "DeviceConfiguration", "t.json"), Full);
                }
                File.WriteAllText(Path.Combine(root, "tenant-a", ".globalconfig"), "is_global = true\ndotnet_diagnostic.CL1001.severity = none\n");

                var cli = Tools.CliFindings(root);
                var files = Tools.ExportCandidatesUnder(root).Select(p => (AdditionalText)new DiskAdditionalText(p)).ToList();
                var configs = Directory.EnumerateFiles(root, ".*config", SearchOption.AllDirectories).ToList();
                var result = await AnalyzerRunner.RunAsync(files, projectDirectory: root, configFiles: configs, host: _host);
                FindingKey.AssertSame(result.Diagnostics.Select(d => FindingKey.Of(d, root)), cli, "analyzer", "CLI");
                Assert.That(cli.Where(k => k.StartsWith("CL1001 ", StringComparison.Ordinal)).Select(k => k.Split(' ')[1].Split('(')[0]),
                    Is.EqualTo(new[] { "tenant-b/DeviceConfiguration/t.json" }));
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
