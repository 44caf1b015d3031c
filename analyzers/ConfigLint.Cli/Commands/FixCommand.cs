using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Formatters;
using ConfigLint.Configuration.Settings;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Fixes;
using ConfigLint.Core.Model;
using ConfigLint.Rules;
using ConfigLint.Rules.Fixes;
using DiffPlex.Renderer;

namespace ConfigLint.Cli.Commands
{
    /// <summary>
    /// <c>configlint fix PATH... [--rule ID]... [--dry-run] [--diff]</c>: applies the rules' checked fixes (the same
    /// ones the IDE offers), writing each changed file atomically in its own encoding, and exits 0 when no finding at
    /// warning or above is left, 1 when some remain (with --dry-run nothing is written, so the findings remain).
    /// </summary>
    public sealed class FixCommand
    {
        private readonly TextWriter _out;
        private readonly TextWriter _err;

        public FixCommand(TextWriter output, TextWriter error)
        {
            _out = output;
            _err = error;
        }

        /// <summary>The <c>fix</c> command for the command line (registered in <see cref="CliApp"/>).</summary>
        public static Command Create(TextWriter output, TextWriter error, string baseDirectory)
        {
            var paths = new Argument<string[]>("PATH") { Description = "Export files or folders to fix.", Arity = ArgumentArity.OneOrMore };
            var rule = new Option<string[]>("--rule", "-r") { Description = "Fix only this rule (repeat for several); default: every rule with a fix." };
            var dryRun = new Option<bool>("--dry-run") { Description = "Write nothing; report what would be fixed." };
            var diff = new Option<bool>("--diff") { Description = "Print a unified diff of every change." };
            var settings = new Option<string>("--settings") { Description = "The configlint.yaml to use (default: the nearest one above the first path); its options: choose the values fixes write." };
            var command = new Command("fix", "Apply the fixes of fixable findings to the files.") { paths, rule, dryRun, diff, settings };
            command.SetAction(parse => new FixCommand(output, error).Run(
                (parse.GetValue(paths) ?? Array.Empty<string>()).Select(p => Path.Combine(baseDirectory, p)).ToList(),
                parse.GetValue(rule) ?? Array.Empty<string>(),
                parse.GetValue(dryRun),
                parse.GetValue(diff),
                baseDirectory,
                parse.GetValue(settings)));
            return command;
        }

        public int Run(IReadOnlyList<string> paths, IReadOnlyCollection<string> rules, bool dryRun, bool diff, string baseDirectory, string? settingsPath = null)
        {
            var pack = IntunePack.Create();
            var inputs = InputCollector.Create(paths, baseDirectory);
            if (inputs.Missing.Count > 0)
            {
                foreach (var missing in inputs.Missing) _err.WriteLine($"configlint: error: path not found: {missing}");
                return ExitCodes.UsageError;
            }
            // The same settings file as lint: its rule options are the thresholds the fixed values must meet.
            var explicitSettings = settingsPath == null ? null : Path.GetFullPath(Path.Combine(baseDirectory, settingsPath));
            var runSettings = SettingsFiles.Load(explicitSettings, paths, inputs.Folders(), baseDirectory, _err, out var settingsProblems);
            IReadOnlyList<ConfigLint.Configuration.ConfigProblem> problems = settingsProblems;
            var ruleOptions = runSettings == null ? null : OptionBinding.Bind(runSettings.Settings, pack.Options, out problems);
            if (runSettings == null || problems.Count > 0)
            {
                foreach (var problem in problems) _err.WriteLine($"{problem.Location}: error {problem.Rule.Id}: {problem.Message}");
                return ExitCodes.UsageError;
            }
            var engine = new LintEngine(pack, ruleOptions);
            var fixer = IntuneFixes.CreateEngine(engine);
            var selected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var id in rules)
            {
                if (engine.Rules.All(r => !string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)))
                {
                    _err.WriteLine($"configlint: error: --rule {id}: no such rule; 'configlint rules' lists them");
                    return ExitCodes.UsageError;
                }
                if (!fixer.Fixes.Keys.Any(k => string.Equals(k, id, StringComparison.OrdinalIgnoreCase)))
                {
                    _err.WriteLine($"configlint: error: --rule {id}: the rule has no fix (rules with fixes: {string.Join(", ", fixer.Fixes.Keys.OrderBy(k => k, StringComparer.Ordinal))})");
                    return ExitCodes.UsageError;
                }
                selected.Add(id);
            }

            var files = inputs.Files().Where(f => runSettings.Includes(f.FullPath)).ToList();
            if (files.Count == 0)
            {
                _err.WriteLine($"configlint: error: no .json or .yaml files found under {string.Join(", ", paths)}");
                return ExitCodes.UsageError;
            }
            // The same configured severities as lint (ConfigLint.Configuration): a finding configured off is not fixed.
            var ruleIds = new HashSet<string>(ConfigLint.Rules.IntunePack.Create().Descriptors.Concat(ConfigLint.Configuration.ConfigurationDiagnostics.All).Select(r => r.Id), StringComparer.OrdinalIgnoreCase);
            var severities = ConfigFiles.Discover(inputs.Folders(), baseDirectory, ruleIds.Contains, _err);
            Func<Finding, bool> counts = f => severities.Apply(f, runSettings) != null;
            Func<string, bool>? fixRule = selected.Count == 0 ? null : selected.Contains;
            var allowed = WriteGuard.ForInputs(paths);

            int fixedFindings = 0, changedFiles = 0;
            bool writeFailed = false;
            var texts = new List<(string Path, byte[]? Bytes, string? Text)>();
            foreach (var file in files)
            {
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(file.FullPath);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // The lint below reports it (CL0003); there is nothing to fix in a file that cannot be read.
                    texts.Add((file.DisplayPath, null, null));
                    continue;
                }
                var encoded = EncodedFile.TryDecode(bytes, out _);
                if (encoded == null)
                {
                    texts.Add((file.DisplayPath, bytes, null));
                    continue;
                }

                var outcome = fixer.FixAll(file.DisplayPath, encoded.Text, counts, fixRule);
                if (!outcome.Changed)
                {
                    texts.Add((file.DisplayPath, bytes, encoded.Text));
                    continue;
                }
                foreach (var fix in outcome.Applied)
                {
                    var at = fix.Finding.Location!;
                    // The path comes from the walk (a file name may hold any character): shown as lint's console shows it.
                    _out.WriteLine($"{Formatters.Escaping.VisibleText.Escape(at.Path)}({at.Start.Line},{at.Start.Column}): {(dryRun ? "would fix" : "fixed")} {fix.RuleId}: {fix.Title}");
                }
                if (diff) _out.Write(UnifiedDiff(file.DisplayPath, outcome.OriginalText, outcome.Text));

                bool written = false;
                if (dryRun)
                {
                    // Nothing is written, so the files keep their findings: the exit code says what is still there.
                    fixedFindings += outcome.Applied.Count;
                    changedFiles++;
                }
                else
                {
                    var refusal = allowed.Check(file.FullPath, out var target);
                    if (refusal != null)
                    {
                        _err.WriteLine($"configlint: error: {file.DisplayPath}: not written: {refusal}");
                    }
                    else if (TryWriteAtomically(target, encoded.Encode(outcome.Text), out var writeError))
                    {
                        written = true;
                    }
                    else
                    {
                        writeFailed = true;
                        _err.WriteLine($"configlint: error: cannot write {file.DisplayPath}: {writeError}");
                    }
                }
                if (written)
                {
                    fixedFindings += outcome.Applied.Count;
                    changedFiles++;
                    texts.Add((file.DisplayPath, null, outcome.Text));
                }
                else
                {
                    texts.Add((file.DisplayPath, bytes, encoded.Text));
                }
            }

            // What is left is what `configlint lint` now says, tenant-level findings included.
            var run = engine.StartRun();
            var remaining = new List<Finding>();
            foreach (var (path, bytes, text) in texts)
            {
                var result = text != null ? run.LintText(path, text) : bytes != null ? run.LintBytes(path, bytes) : run.ReportUnreadable(path, "the file could not be read");
                remaining.AddRange(result.Findings);
            }
            remaining.AddRange(run.Complete());
            var failing = remaining.Select(f => severities.Apply(f, runSettings)).Where(f => f != null && f.Severity >= Severity.Warning).Select(f => f!).ToList();
            failing.Sort(Finding.ReportOrder);
            foreach (var finding in failing) _out.WriteLine(ConsoleFormatter.FormatLine(finding));

            string verb = dryRun ? "would fix" : "fixed";
            _out.WriteLine($"configlint: {verb} {fixedFindings} finding(s) in {changedFiles} file(s) of {files.Count}; {failing.Count} finding(s) at warning or above remain{(dryRun ? " (dry run: nothing written)" : string.Empty)}");
            if (writeFailed) return ExitCodes.UsageError;
            return failing.Count == 0 ? ExitCodes.Success : ExitCodes.Findings;
        }

        /// <summary>A unified diff of one file (lines compared without their endings, printed with LF).</summary>
        public static string UnifiedDiff(string path, string before, string after)
        {
            string a = before.Replace("\r\n", "\n").Replace('\r', '\n');
            string b = after.Replace("\r\n", "\n").Replace('\r', '\n');
            // DiffPlex reads a final line break as one more, empty line; a diff counts lines, not breaks.
            if (a.EndsWith("\n", StringComparison.Ordinal) && b.EndsWith("\n", StringComparison.Ordinal))
            {
                a = a.Substring(0, a.Length - 1);
                b = b.Substring(0, b.Length - 1);
            }
            var body = UnidiffRenderer.GenerateUnidiff(a, b, "a/" + path.Replace('\\', '/'), "b/" + path.Replace('\\', '/'), false, false, 3);
            body = body.Replace("\r\n", "\n");
            return body.EndsWith("\n", StringComparison.Ordinal) ? body : body + "\n";
        }

        /// <summary>
        /// Writes a temporary file beside the target and renames it over the target, so a reader never sees half a
        /// file and an interrupted run leaves the original. The target's permissions are kept.
        /// </summary>
        private static bool TryWriteAtomically(string target, byte[] bytes, out string? error)
        {
            error = null;
            var directory = Path.GetDirectoryName(target) ?? ".";
            var temp = Path.Combine(directory, "." + Path.GetFileName(target) + ".configlint-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
                File.Move(temp, target, overwrite: true);
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                error = ex.Message;
                try
                {
                    if (File.Exists(temp)) File.Delete(temp);
                }
                catch (Exception cleanup) when (cleanup is IOException || cleanup is UnauthorizedAccessException)
                {
                    error += $" (and the temporary file {temp} could not be removed: {cleanup.Message})";
                }
                return false;
            }
        }
    }
}
