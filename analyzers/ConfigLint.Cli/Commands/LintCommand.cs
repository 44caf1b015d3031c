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

    /// <summary><c>configlint lint PATH...</c>: lint the files and write every requested format.</summary>
    public sealed class LintCommand
    {
        private readonly TextWriter _out;
        private readonly TextWriter _err;

        public LintCommand(TextWriter output, TextWriter error)
        {
            _out = output;
            _err = error;
        }

        public int Run(IReadOnlyList<string> paths, IReadOnlyList<OutputRequest> outputs, Severity? failLevel, string baseDirectory)
        {
            var inputs = InputCollector.Collect(paths);
            if (inputs.Missing.Count > 0)
            {
                foreach (var missing in inputs.Missing) _err.WriteLine($"configlint: error: path not found: {missing}");
                return ExitCodes.UsageError;
            }
            if (inputs.Files.Count == 0)
            {
                _err.WriteLine($"configlint: error: no .json or .yaml files found under {string.Join(", ", paths)}");
                return ExitCodes.UsageError;
            }

            var engine = new LintEngine(IntunePack.Create());
            var report = SeverityConfigFiles.Apply(Lint(engine, inputs.Files, baseDirectory), _err);

            foreach (var output in outputs)
            {
                if (output.Path == null)
                {
                    output.Formatter.Write(report, _out);
                    continue;
                }
                try
                {
                    var dir = Path.GetDirectoryName(Path.GetFullPath(output.Path));
                    if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                    using var file = new StreamWriter(output.Path, false, new System.Text.UTF8Encoding(false));
                    output.Formatter.Write(report, file);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    _err.WriteLine($"configlint: error: cannot write {output.Formatter.Name} output to {output.Path}: {ex.Message}");
                    return ExitCodes.UsageError;
                }
            }

            if (failLevel == null) return ExitCodes.Success;
            return report.Findings.Any(f => f.Severity >= failLevel.Value) ? ExitCodes.Findings : ExitCodes.Success;
        }

        /// <summary>Lints the files on all cores, one file in memory per worker, and returns findings in report order.</summary>
        public static LintReport Lint(LintEngine engine, IReadOnlyList<string> files, string baseDirectory)
        {
            var run = engine.StartRun();
            var results = new FileResult[files.Count];
            var display = files.Select(f => InputCollector.DisplayPath(f, baseDirectory)).ToArray();
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(files[i]);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    results[i] = run.ReportUnreadable(display[i], ex.Message);
                    return;
                }
                results[i] = run.LintBytes(display[i], bytes);
            });

            var findings = results.SelectMany(r => r.Findings).Concat(run.Complete()).ToList();
            findings.Sort(Finding.ReportOrder);
            return new LintReport(findings, engine.Rules, display, results.Sum(r => r.ResourceCount), baseDirectory);
        }
    }
}
