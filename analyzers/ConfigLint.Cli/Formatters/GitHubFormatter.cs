using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// GitHub Actions workflow commands, which become annotations on the pull request
    /// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-a-warning-message):
    /// <c>::warning file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CL1001::message</c>.
    /// </summary>
    public sealed class GitHubFormatter : LineFormatter
    {
        public override string Name => "github";

        protected override string Line(Finding f)
        {
            string command = f.Severity.Words().Annotation;
            string properties = f.Location == null
                ? $"title={Property(f.RuleId + " " + f.Rule.Name)}"
                : $"file={Property(f.Location.Path.Replace('\\', '/'))},line={f.Location.Start.Line},col={f.Location.Start.Column},endLine={f.Location.End.Line},endColumn={f.Location.End.Column},title={Property(f.RuleId + " " + f.Rule.Name)}";
            return $"::{command} {properties}::{Data(f.MessageWithScope + " (" + f.Rule.HelpUri + ")")}";
        }

        // Escaping as the runner's command parser expects: data escapes %, CR, LF; properties also ':' and ','.
        private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

        private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
    }
}
