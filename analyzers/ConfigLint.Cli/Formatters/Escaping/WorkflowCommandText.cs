namespace ConfigLint.Cli.Formatters.Escaping
{
    /// <summary>
    /// GitHub Actions workflow-command escaping, as the runner unescapes it
    /// (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts, <c>escapeData</c> and
    /// <c>escapeProperty</c>): data escapes <c>%</c>, CR and LF; a property also <c>:</c> and <c>,</c>. Applied on top
    /// of <see cref="VisibleText"/>, so the text also carries no control, bidi or command-prefix character.
    /// </summary>
    public static class WorkflowCommandText
    {
        public static string Data(string? text) =>
            VisibleText.Escape(text).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

        public static string Property(string? text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
    }
}
