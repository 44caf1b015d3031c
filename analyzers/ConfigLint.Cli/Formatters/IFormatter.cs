using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// One output format. Reports are streamed: the writer gets every linted file and every finding in report order
    /// as the run produces them, then the summary, so memory does not grow with the corpus.
    /// </summary>
    public interface IFormatter
    {
        string Name { get; }

        /// <summary>Starts a report on <paramref name="writer"/> (the header, if the format has one).</summary>
        IReportWriter Open(ReportHeader header, TextWriter writer);
    }

    /// <summary>A report being written.</summary>
    public interface IReportWriter
    {
        /// <summary>A file was linted (called before that file's findings).</summary>
        void File(string path);

        void Finding(Finding finding);

        /// <summary>Writes the end of the report; nothing is called after it.</summary>
        void End(ReportSummary summary);
    }

    /// <summary>A format that writes one line per finding (console, CI annotations): only the lines differ.</summary>
    public abstract class LineFormatter : IFormatter
    {
        public abstract string Name { get; }

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(this, writer);

        /// <summary>The line for one finding.</summary>
        protected abstract string Line(Finding finding);

        /// <summary>The closing line, if the format has one.</summary>
        protected virtual string? Summary(ReportSummary summary) => null;

        private sealed class Writer : IReportWriter
        {
            private readonly LineFormatter _format;
            private readonly TextWriter _writer;

            public Writer(LineFormatter format, TextWriter writer)
            {
                _format = format;
                _writer = writer;
            }

            public void File(string path)
            {
            }

            public void Finding(Finding finding)
            {
                // A suppressed finding is an accepted risk: counted in the summary, kept in SARIF and JSON, not a line to act on.
                if (finding.Suppression != null) return;
                _writer.WriteLine(_format.Line(finding));
            }

            public void End(ReportSummary summary)
            {
                var line = _format.Summary(summary);
                if (line != null) _writer.WriteLine(line);
            }
        }
    }

    /// <summary>What every format may print before the first finding.</summary>
    public sealed class ReportHeader
    {
        public ReportHeader(IReadOnlyList<RuleDescriptor> rules, string baseDirectory)
        {
            Rules = rules;
            BaseDirectory = baseDirectory;
        }

        public IReadOnlyList<RuleDescriptor> Rules { get; }

        /// <summary>The directory display paths are relative to (the working directory).</summary>
        public string BaseDirectory { get; }

        public static string ToolVersion => typeof(ReportHeader).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }

    /// <summary>The counts printed at the end of a report.</summary>
    public sealed class ReportSummary
    {
        public int Files { get; private set; }
        public int Resources { get; private set; }
        public int Errors { get; private set; }
        public int Warnings { get; private set; }
        public int Suggestions { get; private set; }
        public int Notes { get; private set; }

        /// <summary>Findings accepted by a suppressions-file entry (not counted above, never failing the run).</summary>
        public int Suppressed { get; private set; }

        /// <summary>Against a baseline (<c>lint --baseline</c>): findings not in it, in it, and in it but gone; null without one.</summary>
        public BaselineCounts? Baseline { get; set; }

        /// <summary>The most severe finding that can fail the run (not suppressed, not known to the baseline), or <see cref="Severity.None"/>.</summary>
        public Severity Highest { get; private set; }

        /// <summary>The adoption part of a summary line ("; 1 suppressed; baseline: 1 new, 6 unchanged, 0 fixed"), empty when neither applies.</summary>
        public string AdoptionText =>
            (Suppressed > 0 ? $"; {Suppressed} suppressed" : string.Empty)
            + (Baseline == null ? string.Empty : $"; baseline: {Baseline.New} new, {Baseline.Unchanged} unchanged, {Baseline.Absent.Count} fixed");

        public void CountFile(int resources)
        {
            Files++;
            Resources += resources;
        }

        public void Count(Finding finding)
        {
            if (finding.Suppression != null)
            {
                Suppressed++;
                return;
            }
            if (Baseline != null && finding.BaselineState == BaselineState.New) Baseline.New++;
            if (Baseline != null && finding.BaselineState == BaselineState.Unchanged) Baseline.Unchanged++;
            switch (finding.Severity)
            {
                case Severity.Error: Errors++; break;
                case Severity.Warning: Warnings++; break;
                case Severity.Suggestion: Suggestions++; break;
                default: Notes++; break;
            }
            if (finding.Gates && finding.Severity > Highest) Highest = finding.Severity;
        }
    }

    /// <summary>A run compared with a known-findings baseline: counts, and the baseline's findings that are gone.</summary>
    public sealed class BaselineCounts
    {
        public int New { get; set; }
        public int Unchanged { get; set; }

        /// <summary>Baseline entries no finding of the run matched (fixed), for SARIF <c>baselineState: absent</c>.</summary>
        public IReadOnlyList<Adoption.BaselineEntry> Absent { get; set; } = Array.Empty<Adoption.BaselineEntry>();
    }

    /// <summary>The registry of formats, keyed by the name used with <c>--format</c>.</summary>
    public static class Formatters
    {
        public static IReadOnlyList<IFormatter> All { get; } = new IFormatter[]
        {
            new ConsoleFormatter(),
            new SarifFormatter(),
            new JsonFormatter(),
            new GitHubFormatter(),
            new AzurePipelinesFormatter(),
        };

        public static IEnumerable<string> Names => All.Select(f => f.Name);

        public static IFormatter? Find(string name) =>
            All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
