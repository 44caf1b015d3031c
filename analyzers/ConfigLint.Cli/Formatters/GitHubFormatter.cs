using System.IO;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// GitHub Actions workflow commands, which become annotations on the pull request
    /// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-a-warning-message):
    /// <c>::warning file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CL1001::message</c>.
    /// </summary>
    public sealed class GitHubFormatter : IFormatter
    {
        public string Name => "github";

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(writer);

        private sealed class Writer : IReportWriter
        {
            private readonly TextWriter _writer;

            public Writer(TextWriter writer)
            {
                _writer = writer;
            }

            public void File(string path)
            {
            }

            public void Finding(Finding f)
            {
                string command = f.Severity switch
                {
                    Severity.Error => "error",
                    Severity.Warning => "warning",
                    _ => "notice",
                };
                string properties = f.Location == null
                    ? $"title={Property(f.RuleId + " " + f.Rule.Name)}"
                    : $"file={Property(f.Location.Path.Replace('\\', '/'))},line={f.Location.Start.Line},col={f.Location.Start.Column},endLine={f.Location.End.Line},endColumn={f.Location.End.Column},title={Property(f.RuleId + " " + f.Rule.Name)}";
                _writer.WriteLine($"::{command} {properties}::{Data(f.MessageWithScope + " (" + f.Rule.HelpUri + ")")}");
            }

            public void End(ReportSummary summary)
            {
            }
        }

        // Escaping as the runner's command parser expects: data escapes %, CR, LF; properties also ':' and ','.
        private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

        private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
    }
}
