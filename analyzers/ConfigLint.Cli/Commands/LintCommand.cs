using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Cli.Formatters;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Rules;

namespace ConfigLint.Cli.Commands
{
    /// <summary>A requested output: a format and where it goes (null = standard output).</summary>
    public sealed record OutputRequest(IFormatter Formatter, string? Path);

    /// <summary><c>configlint lint PATH...</c>: lint the files and stream every requested format.</summary>
    /// <remarks>
    /// Nothing here keeps a list of files or findings: files are walked lazily, linted on every core, and each finding
    /// goes to the outputs as soon as the ones before it in report order are out. Peak memory is therefore set by the
    /// largest files and the largest tenant in progress, not by the size of the corpus.
    /// </remarks>
    public sealed class LintCommand
    {
        private readonly TextWriter _out;
        private readonly TextWriter _err;

        public LintCommand(TextWriter output, TextWriter error)
        {
            _out = output;
            _err = error;
        }

        public int Run(IReadOnlyList<string> paths, IReadOnlyList<OutputRequest> outputs, Severity? failLevel, string baseDirectory, ReportSettings? settings = null, Adoption.LintAdoption? adoption = null)
        {
            settings ??= new ReportSettings();
            adoption ??= new Adoption.LintAdoption();
            var started = DateTimeOffset.UtcNow;
            // Report paths are relative to the repository root, so reports are the same from any start folder.
            string root = RepositoryRoot.Find(settings.Root, baseDirectory, settings.Environment);
            var notifications = new NotificationLog(_err);
            var customPacks = adoption.ReadRulePacks(baseDirectory, _err);
            if (customPacks == null) return ExitCodes.UsageError;
            // Only a format that lists what was checked (JUnit) pays for collecting it.
            var checkedPairs = outputs.Any(o => o.Formatter is JUnitFormatter) ? new CheckedCollector() : null;
            // The rule pack (YAML packs, rule index) builds while the folders are walked: both are serial start-up work.
            var engineBuild = Task.Run(() => new LintEngine(IntunePack.Create(customPacks), checkedPairs?.Options()));
            var conflicts = OutputPaths.Conflicts(outputs, paths);
            foreach (var conflict in conflicts) _err.WriteLine($"configlint: error: {conflict}");
            if (conflicts.Count > 0) return ExitCodes.UsageError;
            var inputs = InputCollector.Create(paths, root, OutputPaths.Excluded(outputs));
            if (inputs.Missing.Count > 0 || inputs.NotRegular.Count > 0)
            {
                foreach (var missing in inputs.Missing) _err.WriteLine($"configlint: error: path not found: {missing}");
                foreach (var special in inputs.NotRegular) _err.WriteLine($"configlint: error: {special}, not a regular file or folder; only regular files are linted");
                return ExitCodes.UsageError;
            }
            using var files = inputs.Files().GetEnumerator();
            if (!files.MoveNext())
            {
                _err.WriteLine($"configlint: error: no .json or .yaml files found under {string.Join(", ", paths)}");
                return ExitCodes.UsageError;
            }
            var severities = SeverityConfigFiles.Discover(inputs.Folders(), root, notifications);
            // Suppressions files match findings by their report paths (root-relative); --baseline is given from the working folder.
            var accepted = adoption.Prepare(inputs.Folders(), root, baseDirectory, _err);
            LintEngine engine;
            try
            {
                engine = engineBuild.GetAwaiter().GetResult();
            }
            catch (ConfigLint.Core.Rules.RulePackException ex)
            {
                // A user's broken rule pack: its file and line, and nothing linted with half a pack.
                _err.WriteLine($"configlint: error: {ex.Message}");
                return ExitCodes.UsageError;
            }
            if (accepted == null) return ExitCodes.UsageError;
            checkedPairs?.Know(engine.Pack);

            var header = new ReportHeader(engine.Rules, root)
            {
                WorkingDirectory = baseDirectory,
                FailLevel = failLevel,
                Quiet = settings.Quiet,
                StartTime = started,
                Arguments = settings.Arguments,
                AutomationId = settings.AutomationId,
                HelpBaseUri = settings.HelpBaseUri ?? severities.GlobalSetting("configlint.help_base_uri"),
                Environment = settings.Environment,
                Notifications = notifications,
                Applicability = CheckedCollector.Applicability(engine),
            };
            var sinks = new List<OutputSink>();
            try
            {
                foreach (var output in outputs)
                {
                    var sink = OutputSink.Open(output, header, _out, _err);
                    if (sink == null) return ExitCodes.UsageError;
                    sinks.Add(sink);
                }

                var listener = new Listener(sinks, severities, new FindingOrigin.Resolver(root), checkedPairs, accepted, engine.Pack.Diagnostics.Adoption);
                LintPipeline.Run(engine.StartRun(), Remaining(files), Environment.ProcessorCount, listener);
                listener.Finish();
                var summary = listener.Summary;
                summary.ExitCode = header.Fails(summary.Highest) ? ExitCodes.Findings : ExitCodes.Success;
                summary.EndTime = DateTimeOffset.UtcNow;
                foreach (var sink in sinks) sink.End(summary);
                return sinks.Any(s => s.Failed) ? ExitCodes.UsageError : summary.ExitCode;
            }
            finally
            {
                foreach (var sink in sinks) sink.Dispose();
            }
        }

        /// <summary>The walk from the file already taken on, as engine inputs.</summary>
        private static IEnumerable<LintInput> Remaining(IEnumerator<InputCollector.Input> files)
        {
            do
            {
                var input = files.Current;
                yield return new LintInput(input.DisplayPath, input.Read);
            }
            while (files.MoveNext());
        }

        /// <summary>Applies configured severities and fans every finding out to the outputs, counting as it goes.</summary>
        private sealed class Listener : ILintListener
        {
            private readonly IReadOnlyList<OutputSink> _sinks;
            private readonly SeverityConfigFiles _severities;
            private readonly FindingOrigin.Resolver _origins;
            private readonly CheckedCollector? _checked;
            private readonly Adoption.AcceptedFindings _accepted;
            private readonly ConfigLint.Core.Suppressions.AdoptionDiagnostics _adoption;

            public Listener(IReadOnlyList<OutputSink> sinks, SeverityConfigFiles severities, FindingOrigin.Resolver origins, CheckedCollector? @checked,
                Adoption.AcceptedFindings accepted, ConfigLint.Core.Suppressions.AdoptionDiagnostics adoption)
            {
                _adoption = adoption;
                _sinks = sinks;
                _severities = severities;
                _origins = origins;
                _checked = @checked;
                _accepted = accepted;
                Summary.Baseline = accepted.Baseline == null ? null : new BaselineCounts();
            }

            /// <summary>After the last file: the suppressions files' own findings (expired, unused) and the baseline's fixed entries.</summary>
            public void Finish()
            {
                Report(_accepted.Diagnostics(_adoption).ToList());
                if (Summary.Baseline != null) Summary.Baseline.Absent = _accepted.Baseline!.Absent();
            }

            public ReportSummary Summary { get; } = new ReportSummary();

            public void FileLinted(FileResult result)
            {
                Summary.CountFile(result.ResourceCount, result.Scope);
                _origins.FileLinted(result.Path, result.Scope);
                var file = new LintedFile(result.Path, result.Scope, result.ResourceCount, _checked?.Take(result.Path));
                foreach (var sink in _sinks) sink.File(file);
                Report(result.Findings);
            }

            public void ScopeCompleted(string scope, IReadOnlyList<Finding> findings)
            {
                Report(findings);
                _origins.ScopeCompleted(scope);
            }

            private void Report(IReadOnlyList<Finding> findings)
            {
                foreach (var raw in findings)
                {
                    var configured = _severities.Apply(raw);
                    if (configured == null) continue;
                    var finding = _accepted.Apply(configured);
                    Summary.Count(finding);
                    var origin = _origins.For(finding);
                    foreach (var sink in _sinks) sink.Finding(finding, origin);
                }
            }
        }

        /// <summary>
        /// One output. A write that fails (disk full, closed pipe) stops that output with an error naming it, and the
        /// run goes on for the others; the exit code then says the run did not deliver what was asked.
        /// </summary>
        private sealed class OutputSink : IDisposable
        {
            private readonly OutputRequest _request;
            private readonly TextWriter _error;
            private readonly StreamWriter? _file;
            private IReportWriter? _writer;

            private OutputSink(OutputRequest request, TextWriter error, StreamWriter? file)
            {
                _request = request;
                _error = error;
                _file = file;
            }

            public bool Failed { get; private set; }

            public static OutputSink? Open(OutputRequest request, ReportHeader header, TextWriter standardOutput, TextWriter error)
            {
                StreamWriter? file = null;
                if (request.Path != null)
                {
                    try
                    {
                        var dir = Path.GetDirectoryName(Path.GetFullPath(request.Path));
                        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                        file = new StreamWriter(request.Path, false, new System.Text.UTF8Encoding(false));
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        error.WriteLine($"configlint: error: cannot write {request.Formatter.Name} output to {request.Path}: {ex.Message}");
                        return null;
                    }
                }
                var sink = new OutputSink(request, error, file);
                sink.Guard(() => sink._writer = request.Formatter.Open(header, (TextWriter?)file ?? standardOutput));
                return sink;
            }

            public void File(LintedFile file) => Guard(() => _writer!.File(file));

            public void Finding(Finding finding, FindingOrigin origin) => Guard(() => _writer!.Finding(finding, origin));

            public void End(ReportSummary summary) => Guard(() =>
            {
                _writer!.End(summary);
                _file?.Flush();
            });

            private void Guard(Action write)
            {
                if (Failed) return;
                try
                {
                    write();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    Failed = true;
                    _error.WriteLine($"configlint: error: cannot write {_request.Formatter.Name} output to {_request.Path ?? "standard output"}: {ex.Message}");
                }
            }

            public void Dispose()
            {
                (_writer as IDisposable)?.Dispose();
                try
                {
                    _file?.Dispose();
                }
                catch (IOException)
                {
                    // Already reported by the write that failed.
                }
            }
        }
    }
}
