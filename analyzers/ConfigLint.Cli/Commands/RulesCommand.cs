using System.IO;
using System.Linq;
using ConfigLint.Core.Model;
using ConfigLint.Rules;
using Newtonsoft.Json;

namespace ConfigLint.Cli.Commands
{
    /// <summary><c>configlint rules</c>: the catalog as a Markdown table (the README's) or JSON.</summary>
    public sealed class RulesCommand
    {
        private readonly TextWriter _out;

        public RulesCommand(TextWriter output)
        {
            _out = output;
        }

        public int Run(string format)
        {
            var rules = IntunePack.Create().Descriptors;
            if (format == "json")
            {
                using var json = new JsonTextWriter(_out) { Formatting = Formatting.Indented, CloseOutput = false };
                json.WriteStartArray();
                foreach (var r in rules)
                {
                    json.WriteStartObject();
                    json.WritePropertyName("id"); json.WriteValue(r.Id);
                    json.WritePropertyName("name"); json.WriteValue(r.Name);
                    json.WritePropertyName("title"); json.WriteValue(r.Title);
                    json.WritePropertyName("category"); json.WriteValue(r.Category);
                    json.WritePropertyName("severity"); json.WriteValue(r.DefaultSeverity.ToName());
                    json.WritePropertyName("source"); json.WriteValue(r.Source);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                _out.WriteLine();
                return ExitCodes.Success;
            }
            _out.Write(MarkdownTable());
            return ExitCodes.Success;
        }

        /// <summary><c>configlint rules --explain CLxxxx</c>: the rule's doc page, as shipped inside the tool.</summary>
        public int Explain(string id, TextWriter error)
        {
            var page = Formatters.RuleHelp.Page(id.Trim().ToUpperInvariant());
            if (page == null)
            {
                error.WriteLine($"configlint: error: no rule '{id}'; 'configlint rules' lists them");
                return ExitCodes.UsageError;
            }
            _out.Write(page);
            return ExitCodes.Success;
        }

        /// <summary>The rule table embedded in the README between the rules markers; a test keeps them in sync.</summary>
        public static string MarkdownTable() => MarkdownTable(IntunePack.Create());

        /// <summary>The table for <paramref name="pack"/> (the build tools pass the pack as its sources say now).</summary>
        public static string MarkdownTable(ConfigLint.Core.Engine.RulePack pack)
        {
            var sb = new System.Text.StringBuilder();
            sb.Append("| ID | Name | Severity | Title |\n|---|---|---|---|\n");
            foreach (var r in pack.Descriptors)
            {
                sb.Append($"| [{r.Id}](rules/docs/{r.Id}.md) | {r.Name} | {r.DefaultSeverity.ToName()} | {r.Title.Replace("|", "\\|")} |\n");
            }
            return sb.ToString();
        }
    }
}
