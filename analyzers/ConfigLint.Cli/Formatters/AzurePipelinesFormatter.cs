using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// Azure Pipelines logging commands, shown as build issues
    /// (https://learn.microsoft.com/azure/devops/pipelines/scripts/logging-commands#logissue-log-an-error-or-warning):
    /// <c>##vso[task.logissue type=warning;sourcepath=F;linenumber=L;columnnumber=C;code=CL1001;]message</c>.
    /// Azure Pipelines has only errors and warnings, so suggestions and notes are written as plain lines.
    /// </summary>
    public sealed class AzurePipelinesFormatter : LineFormatter
    {
        public override string Name => "azure";

        protected override string Line(Finding f)
        {
            if (f.Severity < Severity.Warning) return ConsoleFormatter.FormatLine(f);
            string type = f.Severity.Words().BuildWord;
            string location = f.Location == null
                ? string.Empty
                : $"sourcepath={Escape(f.Location.Path.Replace('\\', '/'))};linenumber={f.Location.Start.Line};columnnumber={f.Location.Start.Column};";
            return $"##vso[task.logissue type={type};{location}code={f.RuleId};]{Escape(f.MessageWithScope)}";
        }

        // Logging-command escaping: %, CR, LF, and ';' and ']' inside properties.
        private static string Escape(string text) =>
            text.Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A").Replace(";", "%3B").Replace("]", "%5D");
    }
}
