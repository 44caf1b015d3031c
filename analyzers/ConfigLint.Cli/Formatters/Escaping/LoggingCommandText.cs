namespace ConfigLint.Cli.Formatters.Escaping
{
    /// <summary>
    /// Azure Pipelines logging-command escaping, as the agent unescapes it
    /// (https://learn.microsoft.com/azure/devops/pipelines/scripts/logging-commands#formatting-commands):
    /// <c>%</c> as <c>%AZP25</c>, then CR, LF, <c>;</c> and <c>]</c> as <c>%0D</c>, <c>%0A</c>, <c>%3B</c>, <c>%5D</c>.
    /// Used for properties and the message alike, on top of <see cref="VisibleText"/>.
    /// </summary>
    public static class LoggingCommandText
    {
        public static string Escape(string? text) =>
            VisibleText.Escape(text).Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A").Replace(";", "%3B").Replace("]", "%5D");
    }
}
