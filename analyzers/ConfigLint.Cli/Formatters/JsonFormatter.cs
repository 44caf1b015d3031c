using System.IO;
using ConfigLint.Core.Model;
using Newtonsoft.Json;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>A plain JSON document for scripts: summary plus one object per finding (1-based, end exclusive).</summary>
    public sealed class JsonFormatter : IFormatter
    {
        public string Name => "json";

        public void Write(LintReport report, TextWriter writer)
        {
            using var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, CloseOutput = false };
            json.WriteStartObject();
            json.WritePropertyName("tool"); json.WriteValue("configlint");
            json.WritePropertyName("version"); json.WriteValue(LintReport.ToolVersion);
            json.WritePropertyName("files"); json.WriteValue(report.Files.Count);
            json.WritePropertyName("resources"); json.WriteValue(report.ResourceCount);
            json.WritePropertyName("findings");
            json.WriteStartArray();
            foreach (var f in report.Findings)
            {
                json.WriteStartObject();
                json.WritePropertyName("ruleId"); json.WriteValue(f.RuleId);
                json.WritePropertyName("ruleName"); json.WriteValue(f.Rule.Name);
                json.WritePropertyName("severity"); json.WriteValue(f.Severity.ToName());
                json.WritePropertyName("message"); json.WriteValue(f.Message);
                if (f.Location != null)
                {
                    json.WritePropertyName("path"); json.WriteValue(f.Location.Path);
                    json.WritePropertyName("line"); json.WriteValue(f.Location.Start.Line);
                    json.WritePropertyName("column"); json.WriteValue(f.Location.Start.Column);
                    json.WritePropertyName("endLine"); json.WriteValue(f.Location.End.Line);
                    json.WritePropertyName("endColumn"); json.WriteValue(f.Location.End.Column);
                }
                json.WritePropertyName("helpUri"); json.WriteValue(f.Rule.HelpUri);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            writer.WriteLine();
        }
    }
}
