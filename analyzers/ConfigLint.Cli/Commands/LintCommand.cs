using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Cli.Formatters;
using ConfigLint.Configuration;
using ConfigLint.Configuration.Settings;
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

        public int Run(IReadOnlyList<string> paths, IReadOnlyList<OutputRequest> outputs, Severity? failLevel, string baseDirectory, ReportSettings? settings = null, string? settingsPath = null, Adoption.LintAdoption? adoption = null)
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
            var packBuild = Task.Run(() => IntunePack.Create(customPacks));
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
            // A broken settings file stops the run before anything is linted: results under half-read settings would mislead.
            // The --settings path is relative to the working folder; settings files are named relative to the report root.
            var explicitSettings = settingsPath == null ? null : Path.GetFullPath(Path.Combine(baseDirectory, settingsPath));
            var runSettings = SettingsFiles.Load(explicitSettings, paths, inputs.Folders(), root, _err, out var settingsProblems);
            if (runSettings == null)
            {
                foreach (var problem in settingsProblems) _err.WriteLine($"{problem.Location}: error {problem.Rule.Id}: {problem.Message}");
                return ExitCodes.UsageError;
            }
            // Rule packs named in the settings file (packs:, relative to its folder) join --rules; they are rules, not exports.
            if (!RunRules.SettingsPacks(runSettings, root, _err, out var settingsPacks, out var packFiles)) return ExitCodes.UsageError;
            using var files = inputs.Files().Where(f => runSettings.Includes(f.FullPath) && !packFiles.Contains(f.FullPath)).GetEnumerator();
            if (!files.MoveNext())
            {
                _err.WriteLine($"configlint: error: no .json or .yaml files found under {string.Join(", ", paths)}");
                return ExitCodes.UsageError;
            }
            // Suppressions files match findings by their report paths (root-relative); --baseline is given from the working folder.
            var accepted = adoption.Prepare(inputs.Folders(), root, baseDirectory, _err);
            // Both stop the run, and both say why first (a broken suppressions file and a broken pack are two messages).
            var engine = RunRules.Engine(packBuild, customPacks, settingsPacks, runSettings, root, _err);
            if (accepted == null || engine == null) return ExitCodes.UsageError;
            checkedPairs?.Know(engine.Pack);
            var rules = engine.Rules.Concat(ConfigurationDiagnostics.All).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            var ruleIds = new HashSet<string>(rules.Select(r => r.Id), StringComparer.OrdinalIgnoreCase);
            var severities = ConfigFiles.Discover(inputs.Folders(), root, ruleIds.Contains, notifications);
            // Configuration problems are findings (as in the build) and also configuration notifications (stderr, SARIF).
            foreach (var problem in severities.Problems)
            {
                notifications.WriteLine($"{problem.Location}: {problem.Severity.Words().BuildWord} {problem.RuleId}: {problem.Message}");
            }

            var header = new ReportHeader(rules, root)
            {
                WorkingDirectory = baseDirectory,
                FailLevel = failLevel,
                Quiet = settings.Quiet,
                StartTime = started,
                Arguments = settings.Arguments,
                AutomationId = settings.AutomationId,
                HelpBaseUri = settings.HelpBaseUri ?? severities.GlobalSetting(AnalyzerConfigValidator.HelpBaseUriKey),
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

                var listener = new Listener(sinks, severities, runSettings, new FindingOrigin.Resolver(root), checkedPairs, accepted, engine.Pack.Diagnostics.Adoption);
                listener.Report(severities.Problems);
                LintPipeline.Run(engine.StartRun(checkedPairs == null ? null : new RuleEvaluationCallback(checkedPairs.Hook)), InputCollector.EngineInputs(files), Environment.ProcessorCount, listener);
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

        /// <summary>Applies configured severities and fans every finding out to the outputs, counting as it goes.</summary>
        private sealed class Listener : ILintListener
        {
            private readonly IReadOnlyList<OutputSink> _sinks;
            private readonly ConfigFiles _severities;
            private readonly RunSettings _settings;
            private readonly FindingOrigin.Resolver _origins;
            private readonly CheckedCollector? _checked;
            private readonly Adoption.AcceptedFindings _accepted;
            private readonly ConfigLint.Core.Suppressions.AdoptionDiagnostics _adoption;

            public Listener(IReadOnlyList<OutputSink> sinks, ConfigFiles severities, RunSettings settings, FindingOrigin.Resolver origins, CheckedCollector? @checked,
                Adoption.AcceptedFindings accepted, ConfigLint.Core.Suppressions.AdoptionDiagnostics adoption)
            {
                _adoption = adoption;
                _sinks = sinks;
                _severities = severities;
                _settings = settings;
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

            public void Report(IReadOnlyList<Finding> findings)
            {
                foreach (var raw in findings)
                {
                    var configured = _severities.Apply(raw, _settings);
                    if (configured == null)
                    {
                        // Turned off by the configuration: nothing to report, but a suppression of it is not unused.
                        _accepted.NoteDisabled(raw);
                        continue;
                    }
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
