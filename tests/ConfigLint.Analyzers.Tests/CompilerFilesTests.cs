using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// The analyzer reads the command-line compiler's own additional files from disk (CompilerFiles.cs) and every other
    /// host's through their text. The parity fixtures prove the findings in both hosts; these cases prove which text is
    /// read, and that a file the analyzer cannot read is still the compiler's to report.
    /// </summary>
    public sealed class CompilerFilesTests
    {
        private const string Risky = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Telemetry\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";
        private const string Fixed = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Telemetry\",\n  \"diagnosticsDataSubmissionMode\": \"basic\"\n}\n";

        private string _dir = null!;
        private string _policy = null!;

        [SetUp]
        public void SetUp()
        {
            _dir = Path.Combine(Path.GetTempPath(), "configlint-compilerfiles-" + Path.GetRandomFileName());
            _policy = Path.Combine(_dir, "DeviceConfiguration", "telemetry.json");
            Directory.CreateDirectory(Path.GetDirectoryName(_policy)!);
            File.WriteAllText(_policy, Risky);
        }

        [TearDown]
        public void TearDown() => Directory.Delete(_dir, recursive: true);

        [Test]
        public async Task TheCompilersOwnFileIsReadFromDiskNotDecodedByTheCompiler()
        {
            var file = new AdditionalTextFile(_policy);
            var result = await AnalyzerRunner.RunAsync(new[] { (AdditionalText)file }, projectDirectory: _dir, host: Host.CommandLine);

            Assert.That(result.Exceptions, Is.Empty);
            // In the file; the tenant-level notes (CL1009: no branding profile among the inputs) have no file.
            Assert.That(result.Diagnostics.Where(d => d.Location.Kind == LocationKind.ExternalFile).Select(d => FindingKey.Of(d, _dir)),
                Is.EqualTo(new[] { FindingKey.Of("CL1001", "DeviceConfiguration/telemetry.json", 4, 36, 4, 42, "warning", Message()) }));
            Assert.That(file.TextReads, Is.EqualTo(0), "the compiler was asked to decode an export the analyzer can read itself");
        }

        [Test]
        public async Task AnotherHostsTextIsTheTruthEvenWhenTheDiskDiffers()
        {
            // An IDE hands over the editor's buffer: here the setting is fixed but not saved, so the disk still says "full".
            var unsaved = new BufferText(_policy, Fixed);
            foreach (var host in new[] { Host.Ide, Host.CommandLine })
            {
                var result = await AnalyzerRunner.RunAsync(new[] { (AdditionalText)unsaved }, projectDirectory: _dir, host: host);
                Assert.That(result.Exceptions, Is.Empty);
                Assert.That(result.Diagnostics.Where(d => d.Id == "CL1001"), Is.Empty, $"{host}: the disk was read instead of the host's text");
            }
            Assert.That(unsaved.TextReads, Is.EqualTo(2));
        }

        [Test]
        public async Task AFileTheAnalyzerCannotReadIsReportedAsTheCompilerSeesIt()
        {
            var missing = Path.Combine(_dir, "DeviceConfiguration", "gone.json");
            var file = new AdditionalTextFile(missing);
            var commandLine = await AnalyzerRunner.RunAsync(new[] { (AdditionalText)file }, projectDirectory: _dir, host: Host.CommandLine);
            var ide = await AnalyzerRunner.RunAsync(new[] { (AdditionalText)new BufferText(missing, null) }, projectDirectory: _dir);

            Assert.That(commandLine.Exceptions, Is.Empty);
            Assert.That(file.TextReads, Is.GreaterThan(0), "the compiler's own read decides");
            var keys = commandLine.Diagnostics.Select(d => FindingKey.Of(d, _dir)).ToList();
            Assert.That(keys, Is.EqualTo(ide.Diagnostics.Select(d => FindingKey.Of(d, _dir))));
            Assert.That(keys, Has.Count.EqualTo(1));
            Assert.That(keys[0], Is.EqualTo("CL0003 DeviceConfiguration/gone.json(1,1-1,1) error: cannot read the file: the compiler could not read it"));
        }

        [Test]
        public async Task ARelativePathIsLeftToTheCompiler()
        {
            // csc hands over full paths; a relative one would be read against whatever folder the process runs in (the
            // compiler server's is not the project's). Here one exists there, and still only the compiler reads it.
            var folder = "configlint-relative-" + Path.GetRandomFileName();
            var relative = Path.Combine(folder, "DeviceConfiguration", "telemetry.json");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(relative))!);
            try
            {
                File.WriteAllText(relative, Risky);
                var file = new AdditionalTextFile(relative);
                var result = await AnalyzerRunner.RunAsync(new[] { (AdditionalText)file }, host: Host.CommandLine);

                Assert.That(result.Exceptions, Is.Empty);
                Assert.That(file.TextReads, Is.GreaterThan(0), "the analyzer read a relative path itself");
                Assert.That(result.Diagnostics.Count(d => d.Id == "CL1001"), Is.EqualTo(1), "linted from the compiler's text");
            }
            finally
            {
                Directory.Delete(Path.GetFullPath(folder), recursive: true);
            }
        }

        private static string Message()
        {
            // The message is the rule's; take it from the CLI on the same text so that this test pins the position.
            var run = new ConfigLint.Core.Engine.LintEngine(ConfigLint.Rules.IntunePack.Create()).StartRun();
            return run.LintText("DeviceConfiguration/telemetry.json", Risky).Findings.Single().Message;
        }

        /// <summary>A host's own text (an editor buffer), or none (a file the host could not read).</summary>
        private sealed class BufferText : AdditionalText
        {
            private readonly string? _text;
            private int _textReads;

            public BufferText(string path, string? text)
            {
                Path = path;
                _text = text;
            }

            public override string Path { get; }

            public int TextReads => Volatile.Read(ref _textReads);

            public override SourceText? GetText(CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref _textReads);
                return _text == null ? null : SourceText.From(_text);
            }
        }
    }
}
