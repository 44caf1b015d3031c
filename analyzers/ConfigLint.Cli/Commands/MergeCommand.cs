using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Audit;

namespace ConfigLint.Cli.Commands
{
    /// <summary>
    /// <c>configlint merge RESULTS.json... --output-dir DIR</c>: one report (HTML, Markdown, action plan) and one SARIF
    /// log with a run per tenant from the results.json of per-tenant jobs. Tenants are ordered by name, audit time and
    /// run, never by argument order, so the output is the same whichever order the jobs finish in.
    /// </summary>
    public static class MergeCommand
    {
        public static Command Create(TextWriter output, TextWriter error, string baseDirectory)
        {
            var files = new Argument<string[]>("RESULTS") { Description = "results.json files written by 'configlint audit'.", Arity = ArgumentArity.OneOrMore };
            var outputDir = new Option<string>("--output-dir") { Description = "Folder for report.html, report.md, action-plan.csv and merged.sarif.", DefaultValueFactory = _ => "configlint-merged" };
            var command = new Command("merge", "Combine per-tenant audit results into one report and one SARIF log.") { files, outputDir };
            command.SetAction(parse => Run((parse.GetValue(files) ?? Array.Empty<string>()).Select(f => Path.Combine(baseDirectory, f)).ToList(),
                Path.Combine(baseDirectory, parse.GetValue(outputDir) ?? "configlint-merged"), output, error));
            return command;
        }

        public static int Run(IReadOnlyList<string> files, string outputDirectory, TextWriter output, TextWriter error)
        {
            var results = new List<AuditResult>();
            bool failed = false;
            foreach (var file in files)
            {
                try
                {
                    results.Add(ResultsJson.Read(file));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
                {
                    error.WriteLine($"configlint: error: {(ex is InvalidDataException ? ex.Message : $"cannot read {file}: {ex.Message}")}");
                    failed = true;
                }
            }
            if (results.Count == 0)
            {
                error.WriteLine("configlint: error: no audit results to merge");
                return ExitCodes.UsageError;
            }
            var ordered = Order(results);
            bool written = AuditCommand.WriteReports(ordered, outputDirectory, error, includeResults: false, sarif: w => MergedSarif.Write(ordered, w));
            output.WriteLine($"merged {ordered.Count} tenant audits ({string.Join(", ", ordered.Select(r => Formatters.Escaping.VisibleText.Escape(r.Run.Tenant)))}) into {outputDirectory}");
            return written && !failed ? ExitCodes.Success : ExitCodes.UsageError;
        }

        /// <summary>The one order of the merged report: tenant, audit time, run number, commit (ordinal).</summary>
        public static List<AuditResult> Order(IEnumerable<AuditResult> results) => results
            .OrderBy(r => r.Run.Tenant, StringComparer.Ordinal)
            .ThenBy(r => r.Run.TimeUtc, StringComparer.Ordinal)
            .ThenBy(r => r.Run.RunId ?? 0)
            .ThenBy(r => r.Run.Commit ?? string.Empty, StringComparer.Ordinal)
            .ToList();
    }
}
