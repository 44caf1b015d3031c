using System.IO;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>A format that writes one line per finding, streamed: only the line and the closing line differ.</summary>
    public abstract class LineFormatter : IFormatter
    {
        public abstract string Name { get; }

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(this, header, writer);

        /// <summary>The line for one finding; every string from an input in it must already be escaped for the format.</summary>
        protected abstract string Line(Finding finding, FindingOrigin origin, ReportHeader header);

        /// <summary>The closing line, if the format has one.</summary>
        protected virtual string? Summary(ReportSummary summary, ReportHeader header) => null;

        /// <summary>True when the format leaves out findings below the fail level with <c>--quiet</c>.</summary>
        protected virtual bool HonoursQuiet => false;

        private sealed class Writer : IReportWriter
        {
            private readonly LineFormatter _format;
            private readonly ReportHeader _header;
            private readonly TextWriter _writer;

            public Writer(LineFormatter format, ReportHeader header, TextWriter writer)
            {
                _format = format;
                _header = header;
                _writer = writer;
            }

            public void File(LintedFile file)
            {
            }

            public void Finding(Finding finding, FindingOrigin origin)
            {
                // A suppressed finding is an accepted risk: counted in the summary, kept in SARIF and JSON, not a line to act on.
                if (finding.Suppression != null) return;
                if (_format.HonoursQuiet && _header.HiddenByQuiet(finding.Severity)) return;
                _writer.WriteLine(_format.Line(finding, origin, _header));
            }

            public void End(ReportSummary summary)
            {
                var line = _format.Summary(summary, _header);
                if (line != null) _writer.WriteLine(line);
            }
        }
    }
}
