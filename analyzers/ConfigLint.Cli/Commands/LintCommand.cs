using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
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
            // The rule pack (YAML packs, rule index) builds while the folders are walked: both are serial start-up work.
            var engineBuild = Task.Run(() => new LintEngine(IntunePack.Create()));
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

            var engine = engineBuild.GetAwaiter().GetResult();
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
        /// <remarks>
        /// Only what the report needs outlives a file: its display path and its findings, if it has any. Keeping every
        /// <see cref="FileResult"/> and a second list of full paths made retained memory grow with the corpus.
        /// </remarks>
        public static LintReport Lint(LintEngine engine, IReadOnlyList<string> files, string baseDirectory)
        {
            var run = engine.StartRun();
            var display = new string[files.Count];
            for (int i = 0; i < display.Length; i++) display[i] = InputCollector.DisplayPath(files[i], baseDirectory);
            var perFile = new IReadOnlyList<Finding>?[files.Count];
            int resources = 0;
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var result = LintFile(run, files[i], display[i]);
                if (result.Findings.Count > 0) perFile[i] = result.Findings;
                if (result.ResourceCount > 0) Interlocked.Add(ref resources, result.ResourceCount);
            });

            var tenant = run.Complete();
            var findings = new List<Finding>(perFile.Sum(f => f?.Count ?? 0) + tenant.Count);
            foreach (var list in perFile)
            {
                if (list != null) findings.AddRange(list);
            }
            findings.AddRange(tenant);
            findings.Sort(Finding.ReportOrder);
            return new LintReport(findings, engine.Rules, display, resources, baseDirectory);
        }

        private static FileResult LintFile(LintRun run, string file, string display)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return run.ReportUnreadable(display, ex.Message);
            }
            return run.LintBytes(display, bytes);
        }
    }
}
