using System.IO;
using System.Linq;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// The MSBuild canonical line that editors and CI problem matchers parse:
    /// <c>path(line,col): warning CL1001: message</c>
    /// (https://learn.microsoft.com/visualstudio/msbuild/msbuild-diagnostic-format-for-tasks).
    /// Suggestions and notes print as <c>info</c>, the word those matchers know.
    /// </summary>
    public sealed class ConsoleFormatter : IFormatter
    {
        public string Name => "console";

        public void Write(LintReport report, TextWriter writer)
        {
            foreach (var finding in report.Findings) writer.WriteLine(FormatLine(finding));
            int errors = report.Findings.Count(f => f.Severity == Severity.Error);
            int warnings = report.Findings.Count(f => f.Severity == Severity.Warning);
            int suggestions = report.Findings.Count(f => f.Severity == Severity.Suggestion);
            int infos = report.Findings.Count(f => f.Severity == Severity.Info);
            writer.WriteLine($"configlint: {report.Files.Count} file(s), {report.ResourceCount} resource(s): {errors} error(s), {warnings} warning(s), {suggestions} suggestion(s), {infos} note(s)");
        }

        public static string SeverityWord(Severity severity) => severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };

        public static string FormatLine(Finding finding) =>
            finding.Location == null
                ? $"configlint : {SeverityWord(finding.Severity)} {finding.RuleId}: {finding.Message}"
                : $"{finding.Location.Path}({finding.Location.Start.Line},{finding.Location.Start.Column}): {SeverityWord(finding.Severity)} {finding.RuleId}: {finding.Message}";
    }
}
