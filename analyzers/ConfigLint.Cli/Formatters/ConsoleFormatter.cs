using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// The MSBuild canonical line that editors and CI problem matchers parse:
    /// <c>path(line,col): warning CL1001: message</c>
    /// (https://learn.microsoft.com/visualstudio/msbuild/msbuild-diagnostic-format-for-tasks).
    /// Suggestions and notes print as <c>info</c>, the word those matchers know. A tenant finding that belongs to no
    /// file has its export folder as the origin (<c>tenants/contoso : info CL1009: ...</c>).
    /// </summary>
    public sealed class ConsoleFormatter : LineFormatter
    {
        public override string Name => "console";

        protected override string Line(Finding finding) => FormatLine(finding);

        protected override string Summary(ReportSummary s) =>
            $"configlint: {s.Files} file(s), {s.Resources} resource(s): {s.Errors} error(s), {s.Warnings} warning(s), {s.Suggestions} suggestion(s), {s.Notes} note(s){s.AdoptionText}";

        public static string SeverityWord(Severity severity) => severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };

        public static string FormatLine(Finding finding) =>
            finding.Location == null
                ? $"{(string.IsNullOrEmpty(finding.Scope) ? "configlint" : finding.Scope)} : {SeverityWord(finding.Severity)} {finding.RuleId}: {finding.Message}"
                : $"{finding.Location.Path}({finding.Location.Start.Line},{finding.Location.Start.Column}): {SeverityWord(finding.Severity)} {finding.RuleId}: {finding.Message}";
    }
}
