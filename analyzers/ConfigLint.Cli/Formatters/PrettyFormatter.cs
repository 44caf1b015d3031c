using System;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Formatters.Escaping;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// The console for people (<c>--format pretty</c>), in the layout of ESLint's "stylish" format
    /// (https://eslint.org/docs/latest/use/formatters/#stylish): the file once, then one short line per finding
    /// (<c>line:col  severity  rule  message</c>) with suggestions and notes named as themselves, then a summary by
    /// severity and by rule. Coloured on a terminal only (see <see cref="OutputEnvironment.UseColor"/>).
    /// </summary>
    public sealed class PrettyFormatter : IFormatter
    {
        public string Name => "pretty";

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(header, writer);

        private sealed class Writer : IReportWriter
        {
            private readonly ReportHeader _header;
            private readonly TextWriter _writer;
            private readonly bool _color;
            private string? _group;
            private int _shown;

            public Writer(ReportHeader header, TextWriter writer)
            {
                _header = header;
                _writer = writer;
                _color = header.Environment.UseColor;
            }

            public void File(LintedFile file)
            {
            }

            public void Finding(Finding finding, FindingOrigin origin)
            {
                // A suppressed finding is an accepted risk: counted in the summary, kept in SARIF and JSON, not one to act on.
                if (finding.Suppression != null) return;
                if (_header.HiddenByQuiet(finding.Severity)) return;
                string group = origin.IsAnchored ? "tenant " + (origin.Scope!.Length == 0 ? "." : origin.Scope) : origin.Path;
                if (!string.Equals(group, _group, StringComparison.Ordinal))
                {
                    if (_group != null) _writer.WriteLine();
                    _group = group;
                    string title = VisibleText.SafeLineStart(VisibleText.Escape(group));
                    _writer.WriteLine(_color ? Ansi.Bold(title) : title);
                }
                string position = origin.IsAnchored ? "-" : $"{origin.Line}:{origin.Column}";
                string word = finding.Severity.ToName().PadRight(10);
                if (_color) word = Ansi.Color(finding.Severity, word);
                _writer.WriteLine($"  {position,-8} {word} {finding.RuleId}  {VisibleText.Escape(finding.Message)}");
                _shown++;
            }

            public void End(ReportSummary s)
            {
                if (_group != null) _writer.WriteLine();
                string counts = $"{s.Total} finding(s): {s.Errors} error(s), {s.Warnings} warning(s), {s.Suggestions} suggestion(s), {s.Notes} note(s) in {s.Files} file(s), {s.Resources} resource(s)";
                _writer.WriteLine(_color ? Ansi.Color(s.Highest == Severity.None ? Severity.Info : s.Highest, counts) : counts);
                if (_header.Quiet && _shown < s.Total) _writer.WriteLine($"({s.Total - _shown} below the fail level not shown: --quiet)");
                var rules = s.ByRule();
                if (rules.Count == 0) return;
                _writer.WriteLine("By rule:");
                var names = _header.Rules.ToDictionary(r => r.Id, r => r.Name, StringComparer.Ordinal);
                foreach (var (id, count, highest) in rules)
                {
                    string word = highest.ToName().PadRight(10);
                    if (_color) word = Ansi.Color(highest, word);
                    _writer.WriteLine($"  {count,6}  {word} {id}  {(names.TryGetValue(id, out var name) ? name : string.Empty)}");
                }
            }
        }
    }
}
