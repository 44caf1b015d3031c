using System;
using System.IO;
using ConfigLint.Cli.Formatters.Escaping;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// Azure Pipelines logging commands (https://learn.microsoft.com/azure/devops/pipelines/scripts/logging-commands):
    /// errors and warnings as build issues,
    /// <c>##vso[task.logissue type=warning;sourcepath=F;linenumber=L;columnnumber=C;code=CL1001;]message</c>, with
    /// absolute paths as those docs ask; suggestions and notes as plain MSBuild lines (Azure knows only errors and
    /// warnings), all inside <c>##[group]</c>.
    /// </summary>
    /// <remarks>
    /// At the end: the Markdown <see cref="JobSummary"/> is written to the agent's temp folder and attached with
    /// <c>##vso[task.uploadsummary]</c>, and when findings exist but none is at or above the fail level,
    /// <c>##vso[task.complete result=SucceededWithIssues;]</c> marks the step as passed with issues. Both only when
    /// the agent runs the step (<c>TF_BUILD</c> set). Every string from an input is escaped by
    /// <see cref="LoggingCommandText"/> (issues) or <see cref="VisibleText"/> (plain lines), for every severity.
    /// </remarks>
    public sealed class AzurePipelinesFormatter : IFormatter
    {
        public string Name => "azure";

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(header, writer);

        public static string Line(Finding f, FindingOrigin origin)
        {
            if (f.Severity < Severity.Warning) return ConsoleFormatter.FileLine(f, origin);
            string type = f.Severity.Words().BuildWord;
            string location = origin.IsAnchored
                ? $"sourcepath={LoggingCommandText.Escape(origin.FullPath)};linenumber={origin.Line};"
                : $"sourcepath={LoggingCommandText.Escape(origin.FullPath)};linenumber={origin.Line};columnnumber={origin.Column};";
            return $"##vso[task.logissue type={type};{location}code={f.RuleId};]{LoggingCommandText.Escape(origin.IsAnchored ? f.MessageWithScope : f.Message)}";
        }

        private sealed class Writer : IReportWriter
        {
            private readonly ReportHeader _header;
            private readonly TextWriter _writer;
            private readonly JobSummary _summary;
            private bool _grouped;

            public Writer(ReportHeader header, TextWriter writer)
            {
                _header = header;
                _writer = writer;
                _summary = new JobSummary(header, _ => null);
            }

            public void File(LintedFile file)
            {
            }

            public void Finding(Finding finding, FindingOrigin origin)
            {
                // A suppressed finding is an accepted risk: counted in the summary, kept in SARIF and JSON, not one to act on.
                if (finding.Suppression != null) return;
                if (!_grouped)
                {
                    _writer.WriteLine("##[group]ConfigLint findings");
                    _grouped = true;
                }
                _writer.WriteLine(Line(finding, origin));
                _summary.Add(finding, origin);
            }

            public void End(ReportSummary s)
            {
                if (_grouped) _writer.WriteLine("##[endgroup]");
                _writer.WriteLine($"configlint: {s.Files} file(s), {s.Resources} resource(s): {s.Errors} error(s), {s.Warnings} warning(s), {s.Suggestions} suggestion(s), {s.Notes} note(s)");
                if (_header.Environment.Variable("TF_BUILD") == null) return;
                UploadSummary(s);
                if (s.Total > 0 && s.ExitCode == 0) _writer.WriteLine("##vso[task.complete result=SucceededWithIssues;]ConfigLint found issues below the fail level");
            }

            private void UploadSummary(ReportSummary s)
            {
                string folder = _header.Environment.Variable("AGENT_TEMPDIRECTORY") ?? Path.GetTempPath();
                string path = Path.Combine(folder, $"configlint-summary-{Guid.NewGuid():N}.md");
                try
                {
                    System.IO.File.WriteAllText(path, _summary.Render(s), new System.Text.UTF8Encoding(false));
                    _writer.WriteLine($"##vso[task.uploadsummary]{LoggingCommandText.Escape(path)}");
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    _writer.WriteLine($"##vso[task.logissue type=warning;]cannot write the ConfigLint summary: {LoggingCommandText.Escape(ex.Message)}");
                }
            }
        }
    }
}
