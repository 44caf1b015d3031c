using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ConfigLint.Cli.Audit;
using ConfigLint.Cli.Formatters;
using ConfigLint.Configuration;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Rules;

namespace ConfigLint.Cli.Commands
{
    /// <summary>
    /// <c>configlint audit PATH... --history FILE.db [--tenant NAME] [--output-dir DIR]</c>: lints like <c>lint</c>, records
    /// every rule's outcome on every resource in the history, compares with the tenant's previous audit and writes
    /// report.html, report.md, results.json and action-plan.csv. An audit reports; it does not gate: exit 0 when the
    /// reports and the history were written, 2 when an input path, an output or the history file could not be used
    /// (the reports are still written when only the history failed).
    /// </summary>
    public sealed class AuditCommand
    {
        public const string DefaultOutputDirectory = "configlint-audit";

        private readonly TextWriter _out;
        private readonly TextWriter _err;

        public AuditCommand(TextWriter output, TextWriter error)
        {
            _out = output;
            _err = error;
        }

        /// <summary>The <c>audit</c>, <c>history</c>, <c>diff</c> and <c>merge</c> commands, for <see cref="CliApp"/>.</summary>
        public static IEnumerable<Command> All(TextWriter output, TextWriter error, string baseDirectory) => new[]
        {
            Create(output, error, baseDirectory), HistoryCommand.Create(output, error, baseDirectory), DiffCommand.Create(output, error, baseDirectory), MergeCommand.Create(output, error, baseDirectory),
        };

        public static Command Create(TextWriter output, TextWriter error, string baseDirectory)
        {
            var paths = new Argument<string[]>("PATH") { Description = "Export files or folders of one tenant.", Arity = ArgumentArity.OneOrMore };
            var history = new Option<string>("--history") { Description = "SQLite history file (created when missing).", Required = true };
            var tenant = new Option<string>("--tenant") { Description = "Tenant name in the history and the reports (default: the export folder's name)." };
            var outputDir = new Option<string>("--output-dir") { Description = $"Folder for report.html, report.md, results.json and action-plan.csv (default: {DefaultOutputDirectory}).", DefaultValueFactory = _ => DefaultOutputDirectory };
            var rules = AdoptionCommands.Rules();
            var command = new Command("audit", "Audit a tenant export: control status, history, change report and action plan.") { paths, history, tenant, outputDir, rules };
            command.SetAction(parse => new AuditCommand(output, error).Run(
                (parse.GetValue(paths) ?? Array.Empty<string>()).Select(p => Path.Combine(baseDirectory, p)).ToList(),
                Path.Combine(baseDirectory, parse.GetValue(history)!),
                parse.GetValue(tenant),
                Path.Combine(baseDirectory, parse.GetValue(outputDir) ?? DefaultOutputDirectory),
                baseDirectory,
                DateTime.UtcNow,
                rulePacks: parse.GetValue(rules)));
            return command;
        }

        /// <summary>
        /// Runs the audit. <paramref name="suppressions"/>: the accepted risks; null (the command line) reads the
        /// <c>configlint.suppressions.yaml</c> files of the inputs as <c>lint</c> does, expiry judged on <paramref name="now"/>'s day.
        /// </summary>
        public int Run(IReadOnlyList<string> paths, string historyPath, string? tenantName, string outputDirectory, string baseDirectory, DateTime now, ISuppressionSource? suppressions = null, IReadOnlyList<string>? rulePacks = null)
        {
            // Custom packs (--rules) as lint reads them: an audit judges with the rules the pipeline gates on.
            var customPacks = new Adoption.LintAdoption { RulePacks = rulePacks ?? Array.Empty<string>() }.ReadRulePacks(baseDirectory, _err);
            if (customPacks == null) return ExitCodes.UsageError;
            var packBuild = Task.Run(() => IntunePack.Create(customPacks));
            var inputs = InputCollector.Create(paths, baseDirectory);
            if (inputs.Missing.Count > 0)
            {
                foreach (var missing in inputs.Missing) _err.WriteLine($"configlint: error: path not found: {missing}");
                return ExitCodes.UsageError;
            }
            // The same settings and severity configuration as `lint`, so an audit judges what the pipeline judges.
            var runSettings = SettingsFiles.Load(null, paths, inputs.Folders(), baseDirectory, _err, out var settingsProblems);
            if (runSettings == null)
            {
                foreach (var problem in settingsProblems) _err.WriteLine($"{problem.Location}: error {problem.Rule.Id}: {problem.Message}");
                return ExitCodes.UsageError;
            }
            // Rule packs named in the settings file (packs:) join --rules, and are rules, not exports, as in lint.
            if (!RunRules.SettingsPacks(runSettings, baseDirectory, _err, out var settingsPacks, out var packFiles)) return ExitCodes.UsageError;
            // The files lint would lint (the settings' include/exclude), so both see the same findings to suppress.
            using var files = inputs.Files().Where(f => runSettings.Includes(f.FullPath) && !packFiles.Contains(f.FullPath)).GetEnumerator();
            if (!files.MoveNext())
            {
                _err.WriteLine($"configlint: error: no .json or .yaml files found under {string.Join(", ", paths)}");
                return ExitCodes.UsageError;
            }
            // A broken suppressions file stops the run before anything is judged, as in lint: accepted risks half read would mislead.
            suppressions ??= SuppressionFileSource.Discover(inputs.Folders(), baseDirectory, now, _err);
            if (suppressions == null) return ExitCodes.UsageError;
            // The same packs, rule options and tenant roots as lint, so an audit applies the same rules and thresholds.
            var engine = RunRules.Engine(packBuild, customPacks, settingsPacks, runSettings, baseDirectory, _err);
            if (engine == null) return ExitCodes.UsageError;
            var ruleIds = new HashSet<string>(engine.Rules.Select(r => r.Id).Concat(ConfigurationDiagnostics.All.Select(r => r.Id)), StringComparer.OrdinalIgnoreCase);
            var configFiles = ConfigFiles.Discover(inputs.Folders(), baseDirectory, ruleIds.Contains, _err);
            Func<Finding, Finding?> applySeverity = f => configFiles.Apply(f, runSettings);

            var run = new AuditRunInfo
            {
                Tenant = tenantName ?? FindingFingerprint.ScopeName(Directory.Exists(paths[0]) ? paths[0] : Path.GetDirectoryName(paths[0])),
                TimeUtc = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ToolVersion = ReportHeader.ToolVersion,
                RuleSetVersion = AuditBuilder.RuleSetVersion(engine),
                Commit = GitCommit(paths[0]),
                Inputs = paths.Select(p => AuditBuilder.Relative(p, baseDirectory)).ToList(),
                HistoryFile = AuditBuilder.Relative(historyPath, baseDirectory),
            };

            FindingSpool spool;
            try
            {
                spool = FindingSpool.Create();
            }
            catch (HistoryException ex)
            {
                _err.WriteLine($"configlint: error: {ex.Message}");
                return ExitCodes.UsageError;
            }
            using var spoolScope = spool;
            var history = new GuardedHistory(historyPath);
            var previous = history.Try(s => s.Runs(run.Tenant).LastOrDefault());
            long? runId = history.Try(s => (long?)s.BeginRun(run));

            var controls = ControlCatalog.Load();
            var controlsByRule = AuditBuilder.ControlsByRule(controls);
            var collector = new AuditCollector(engine, suppressions, () => history,
                (finding, outcome, suppression) => AuditBuilder.Convert(finding, outcome, suppression, controlsByRule, run.Tenant, baseDirectory), spool, applySeverity);
            LintPipeline.Run(engine.StartRun(collector), InputCollector.EngineInputs(files), Environment.ProcessorCount, collector);
            collector.Complete(run.Tenant, engine.Pack.Diagnostics.Adoption);
            spool.Seal();

            var result = AuditBuilder.Build(run, engine, collector, controls, suppressions, spool, baseDirectory);
            // The comparison runs in the history's SQL on the two runs' findings, so neither run's findings are loaded.
            history.Try(s => { s.AddFindings(spool); return (object)true; });
            if (previous != null && runId != null) result.Changes = history.Try(s => s.Compare(previous.Id, runId.Value, now));
            if (history.Try(s => { s.Complete(result); return (object)true; }) != null)
            {
                run.RunId = runId;
                result.Trend = history.Try(s => s.Runs(run.Tenant).Select(r => new TrendPoint { RunId = r.Id, TimeUtc = r.TimeUtc, Open = r.Open, Suppressed = r.Suppressed, ControlsNotMet = r.ControlsNotMet }).ToList()) ?? new List<TrendPoint>();
            }
            else
            {
                // A history that failed half way: no comparison from a half-written run.
                result.Changes = null;
            }
            run.HistoryError = history.Error;
            history.Dispose();

            bool written = WriteReports(new[] { result }, outputDirectory, _err, includeResults: true);
            Summary(result, outputDirectory, baseDirectory);
            if (run.HistoryError != null) _err.WriteLine($"configlint: error: {run.HistoryError}; the reports were written without history");
            foreach (var notice in collector.SuppressionNotices) _err.WriteLine(notice);
            return written && run.HistoryError == null ? ExitCodes.Success : ExitCodes.UsageError;
        }

        private void Summary(AuditResult result, string outputDirectory, string baseDirectory)
        {
            var r = result;
            int notMet = r.Controls.Count(c => c.Status == ControlStatus.NotMet);
            _out.WriteLine($"audit of {Formatters.Escaping.VisibleText.Escape(r.Run.Tenant)}: {r.Counts.Resources} resources in {r.Counts.Files} files; {r.Counts.Pass} checks passed, {r.Counts.OpenFindings} open findings, {r.Counts.SuppressedFindings} accepted, {r.Counts.NotCheckable} not checkable offline; {notMet} of {r.Controls.Count} controls not met");
            if (r.Changes != null) _out.WriteLine($"since audit #{r.Changes.PreviousRunId} ({r.Changes.PreviousTimeUtc}): {r.Changes.New.Count} new, {r.Changes.Fixed.Count} fixed, {r.Changes.Accepted.Count} accepted as risks, {r.Changes.Unchanged} unchanged, {r.Changes.SeverityChanged.Count} changed in severity, {r.Changes.ExpiredSuppressions.Count} suppressions expired");
            else if (r.Run.HistoryError == null) _out.WriteLine("first audit of this tenant in the history");
            if (r.Run.RunId != null) _out.WriteLine($"recorded as run #{r.Run.RunId} in {r.Run.HistoryFile}");
            _out.WriteLine($"reports: {AuditBuilder.Relative(outputDirectory, baseDirectory)}/report.html, report.md, results.json, action-plan.csv");
        }

        /// <summary>Writes every report file; a file that cannot be written is an error naming it, and the others are still written.</summary>
        public static bool WriteReports(IReadOnlyList<AuditResult> results, string outputDirectory, TextWriter error, bool includeResults, Action<TextWriter>? sarif = null)
        {
            bool ok = true;
            void One(string name, Action<TextWriter> write)
            {
                string path = Path.Combine(outputDirectory, name);
                try
                {
                    Directory.CreateDirectory(outputDirectory);
                    using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
                    write(writer);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    error.WriteLine($"configlint: error: cannot write {path}: {ex.Message}");
                    ok = false;
                }
            }
            One("report.html", w => HtmlReport.Write(results, w));
            One("report.md", w => MarkdownReport.Write(results, w));
            if (includeResults) One("results.json", w => ResultsJson.Write(results[0], w));
            One("action-plan.csv", w => ActionPlanCsv.Write(results, w));
            if (sarif != null) One("merged.sarif", sarif);
            return ok;
        }

        /// <summary>The commit the inputs are at, when they are in a git work tree; null otherwise (or when git is missing).</summary>
        private static string? GitCommit(string path)
        {
            string folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            try
            {
                var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                info.ArgumentList.Add("-C");
                info.ArgumentList.Add(folder);
                info.ArgumentList.Add("rev-parse");
                info.ArgumentList.Add("HEAD");
                using var process = Process.Start(info);
                if (process == null) return null;
                string text = process.StandardOutput.ReadToEnd().Trim();
                process.StandardError.ReadToEnd();
                if (!process.WaitForExit(10000)) return null;
                return process.ExitCode == 0 && text.Length >= 7 ? text : null;
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception || ex is InvalidOperationException || ex is IOException)
            {
                return null;
            }
        }

        /// <summary>
        /// The history as the audit uses it: the first failure (corrupt, locked, newer schema) is kept as the run's history
        /// error and the history is dropped, so the lint and the reports go on without it.
        /// </summary>
        private sealed class GuardedHistory : IOutcomeRecorder, IDisposable
        {
            private HistoryStore? _store;

            public GuardedHistory(string path)
            {
                try
                {
                    _store = HistoryStore.Open(path);
                }
                catch (HistoryException ex)
                {
                    Error = ex.Message;
                }
            }

            public string? Error { get; private set; }

            public T? Try<T>(Func<HistoryStore, T> action)
                where T : class?
            {
                if (_store == null) return null;
                try
                {
                    return action(_store);
                }
                catch (HistoryException ex)
                {
                    Fail(ex.Message);
                    return null;
                }
            }

            public long? Try(Func<HistoryStore, long?> action)
            {
                if (_store == null) return null;
                try
                {
                    return action(_store);
                }
                catch (HistoryException ex)
                {
                    Fail(ex.Message);
                    return null;
                }
            }

            public void Record(ResourceIdentity resource, IReadOnlyList<OutcomeRecord> outcomes) => Try(s => { s.Record(resource, outcomes); return (object)true; });

            private void Fail(string message)
            {
                Error ??= message;
                _store?.Dispose();
                _store = null;
            }

            public void Dispose() => _store?.Dispose();
        }
    }
}
