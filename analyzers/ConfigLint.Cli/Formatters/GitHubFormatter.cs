using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Formatters.Escaping;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// GitHub Actions workflow commands, which become annotations on the pull request
    /// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-a-warning-message):
    /// <c>::warning file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CL1001 Name::message</c>.
    /// </summary>
    /// <remarks>
    /// GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and 50 per job
    /// (https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations), in the order printed. So
    /// every finding is first listed in a collapsed log group in report order (as plain MSBuild lines, which start no
    /// command), and at the end the annotations are printed most severe first, at most 10 per kind, then one notice
    /// saying how many more there are and where they are (9 notices leave it room). With <c>GITHUB_STEP_SUMMARY</c>
    /// set, the Markdown <see cref="JobSummary"/> is appended to that file. Paths are relative to the repository root,
    /// as GitHub resolves them; every string from an input is escaped by <see cref="WorkflowCommandText"/>.
    /// </remarks>
    public sealed class GitHubFormatter : IFormatter
    {
        /// <summary>Annotations of one kind GitHub shows per step.</summary>
        public const int AnnotationsPerKind = 10;

        public string Name => "github";

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(header, writer);

        public static string Command(Severity severity) => severity.Words().Annotation;

        public static string Annotation(Finding f, FindingOrigin origin)
        {
            string title = WorkflowCommandText.Property(f.RuleId + " " + f.Rule.Name);
            string file = WorkflowCommandText.Property(origin.UriPath);
            string properties = origin.IsAnchored
                ? $"file={file},line={origin.Line},title={title}"
                : $"file={file},line={origin.Line},col={origin.Column},endLine={origin.EndLine},endColumn={origin.EndColumn},title={title}";
            string message = origin.IsAnchored ? f.MessageWithScope : f.Message;
            return $"::{Command(f.Severity)} {properties}::{WorkflowCommandText.Data(message)}";
        }

        private sealed class Writer : IReportWriter
        {
            private readonly ReportHeader _header;
            private readonly TextWriter _writer;
            private readonly JobSummary _summary;
            private readonly List<string>[] _kept = { new List<string>(), new List<string>(), new List<string>() };
            private bool _grouped;

            public Writer(ReportHeader header, TextWriter writer)
            {
                _header = header;
                _writer = writer;
                _summary = new JobSummary(header, Link);
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
                    _writer.WriteLine("::group::ConfigLint: all findings in report order");
                    _grouped = true;
                }
                _writer.WriteLine(ConsoleFormatter.FileLine(finding, origin));
                var kept = _kept[Kind(finding.Severity)];
                if (kept.Count < AnnotationsPerKind) kept.Add(Annotation(finding, origin));
                _summary.Add(finding, origin);
            }

            private static int Kind(Severity severity) => severity switch
            {
                Severity.Error => 0,
                Severity.Warning => 1,
                _ => 2,
            };

            public void End(ReportSummary s)
            {
                if (_grouped) _writer.WriteLine("::endgroup::");
                int[] totals = { s.Errors, s.Warnings, s.Suggestions + s.Notes };
                // When some are left out, the "more" line is a notice too: the other notices make room for it.
                bool more = totals.Any(t => t > AnnotationsPerKind);
                int shown = 0;
                for (int kind = 0; kind < 3; kind++)
                {
                    int limit = kind == 2 && more ? AnnotationsPerKind - 1 : AnnotationsPerKind;
                    foreach (var line in _kept[kind].Take(limit))
                    {
                        _writer.WriteLine(line);
                        shown++;
                    }
                }
                int hidden = s.Total - shown;
                if (hidden > 0)
                {
                    string where = _header.Environment.Variable("GITHUB_STEP_SUMMARY") != null ? "the job summary and the 'ConfigLint: all findings' group of this step's log" : "the 'ConfigLint: all findings' group of this step's log";
                    _writer.WriteLine($"::notice title=ConfigLint::{hidden} more finding(s) not shown as annotations (GitHub shows {AnnotationsPerKind} per kind per step): {s.Errors} error(s), {s.Warnings} warning(s), {s.Suggestions + s.Notes} notice(s) in all; see {where}");
                }
                WriteStepSummary(s);
            }

            private void WriteStepSummary(ReportSummary s)
            {
                var path = _header.Environment.Variable("GITHUB_STEP_SUMMARY");
                if (path == null) return;
                try
                {
                    System.IO.File.AppendAllText(path, _summary.Render(s), new System.Text.UTF8Encoding(false));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    _writer.WriteLine($"::warning title=ConfigLint::cannot append the job summary to GITHUB_STEP_SUMMARY: {WorkflowCommandText.Data(ex.Message)}");
                }
            }

            /// <summary>The file and line on GitHub for the commit being built, when the runner says which.</summary>
            private string? Link(FindingOrigin origin)
            {
                var env = _header.Environment;
                string? server = env.Variable("GITHUB_SERVER_URL"), repository = env.Variable("GITHUB_REPOSITORY"), sha = env.Variable("GITHUB_SHA");
                if (server == null || repository == null || sha == null || Path.IsPathRooted(origin.Path)) return null;
                return $"{server.TrimEnd('/')}/{repository}/blob/{sha}/{SarifFormatter.RelativeUri(origin.Path)}#L{origin.Line}";
            }
        }
    }
}
