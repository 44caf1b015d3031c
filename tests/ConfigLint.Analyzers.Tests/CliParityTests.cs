using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// The analyzer and the CLI give the same findings (rule, file, span, severity, message) on the same folders,
    /// tenant rules included. The CLI runs as a process, exactly as a user runs it.
    /// </summary>
    [TestFixture(Host.Ide)]
    [TestFixture(Host.CommandLine)]
    public sealed class CliParityTests
    {
        private readonly Host _host;

        public CliParityTests(Host host)
        {
            _host = host;
        }

        private static readonly string[] Folders =
        {
            "tests/ConfigLint.Analyzers.Tests/Inputs", // encodings, broken files, tenant finding in a file
            "tests/samples/config-repo",
            "tests/samples/tenant",
            "tests/ConfigLint.Tests/Fixtures",
        };

        [TestCaseSource(nameof(Folders))]
        public async Task AnalyzerAndCliAgreeOn(string folder)
        {
            var root = Path.Combine(Tools.RepoRoot, folder);
            // A folder that moved would otherwise make this test pass while comparing nothing.
            Assert.That(Directory.Exists(root), Is.True, $"{folder} is not in this checkout; update the list");

            var cli = Tools.CliFindings(root);
            Assert.That(cli, Is.Not.Empty, "every folder holds findings, so an empty comparison would prove nothing");
            var files = Tools.ExportCandidatesUnder(root).Select(p => (AdditionalText)new DiskAdditionalText(p)).ToList();
            // The repo's .editorconfig/.globalconfig apply in both channels (the CLI finds them above the files).
            var configs = Directory.EnumerateFiles(root, ".*config", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) == ".editorconfig" || Path.GetFileName(f) == ".globalconfig").ToList();
            var result = await AnalyzerRunner.RunAsync(files, projectDirectory: root, configFiles: configs, host: _host);

            Assert.That(result.Exceptions, Is.Empty);
            FindingKey.AssertSame(result.Diagnostics.Select(d => FindingKey.Of(d, root)), cli, "analyzer", "CLI");
        }
    }
}
