using ConfigLint.Cli.Formatters.Escaping;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// The MSBuild canonical line that editors and CI problem matchers parse
    /// (https://learn.microsoft.com/visualstudio/msbuild/msbuild-diagnostic-format-for-tasks):
    /// <c>path(line,col): warning CL1001: message</c>.
    /// </summary>
    /// <remarks>
    /// Suggestions and notes print as <c>info</c>, the word those matchers know (<c>--format pretty</c> names them). A
    /// tenant finding has its export folder as the origin (<c>tenants/contoso : info CL1009: ...</c>). Paths are
    /// relative to the repository root. On a terminal the severity word is coloured; redirected, with <c>NO_COLOR</c>
    /// or in a CI log the bytes are the plain line. Every string from an input goes through <see cref="VisibleText"/>.
    /// </remarks>
    public sealed class ConsoleFormatter : LineFormatter
    {
        public override string Name => "console";

        protected override bool HonoursQuiet => true;

        protected override string Line(Finding finding, FindingOrigin origin, ReportHeader header) =>
            FormatLine(finding, origin, header.Environment.UseColor);

        protected override string Summary(ReportSummary s, ReportHeader header) =>
            $"configlint: {s.Files} file(s), {s.Resources} resource(s): {s.Errors} error(s), {s.Warnings} warning(s), {s.Suggestions} suggestion(s), {s.Notes} note(s){s.AdoptionText}";

        public static string SeverityWord(Severity severity) => severity.Words().BuildWord;

        /// <summary>The line of a finding with its origin computed from its own location (tests, fixtures).</summary>
        public static string FormatLine(Finding finding) =>
            finding.Location == null
                ? FormatLine(finding, null, color: false)
                : FormatLine(finding, FindingOrigin.InFile(finding.Location.Path, ".", finding.Location), color: false);

        /// <summary>The MSBuild line at the finding's file and line, anchored ones included (JUnit failures), message with its tenant folder.</summary>
        public static string FileLine(Finding finding, FindingOrigin origin) =>
            VisibleText.SafeLineStart($"{VisibleText.Escape(origin.Path)}({origin.Line},{origin.Column}): {SeverityWord(finding.Severity)} {finding.RuleId}: {VisibleText.Escape(origin.IsAnchored ? finding.MessageWithScope : finding.Message)}");

        public static string FormatLine(Finding finding, FindingOrigin? origin, bool color)
        {
            string word = SeverityWord(finding.Severity);
            if (color) word = Ansi.Color(finding.Severity, word);
            string line = origin == null || origin.IsAnchored
                ? $"{(string.IsNullOrEmpty(finding.Scope) ? "configlint" : VisibleText.Escape(finding.Scope))} : {word} {finding.RuleId}: {VisibleText.Escape(finding.Message)}"
                : $"{VisibleText.Escape(origin.Path)}({origin.Line},{origin.Column}): {word} {finding.RuleId}: {VisibleText.Escape(finding.Message)}";
            return VisibleText.SafeLineStart(line);
        }
    }
}
