using System.IO;
using ConfigLint.Core.Model;
using Newtonsoft.Json;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// A plain JSON document for scripts: one object per finding (1-based, end exclusive), then the counts. The
    /// findings come first because the report is streamed and the counts are known only at the end.
    /// </summary>
    public sealed class JsonFormatter : IFormatter
    {
        public string Name => "json";

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(writer);

        private sealed class Writer : IReportWriter
        {
            private readonly TextWriter _writer;
            private readonly JsonTextWriter _json;

            public Writer(TextWriter writer)
            {
                _writer = writer;
                _json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, CloseOutput = false };
                _json.WriteStartObject();
                _json.WritePropertyName("tool"); _json.WriteValue("configlint");
                _json.WritePropertyName("version"); _json.WriteValue(ReportHeader.ToolVersion);
                _json.WritePropertyName("findings");
                _json.WriteStartArray();
            }

            public void File(string path)
            {
            }

            public void Finding(Finding f)
            {
                var json = _json;
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
                else if (f.Scope != null)
                {
                    // A tenant finding that belongs to no file: the export folder it is about ("" = the working folder).
                    json.WritePropertyName("scope"); json.WriteValue(f.Scope);
                }
                json.WritePropertyName("helpUri"); json.WriteValue(f.Rule.HelpUri);
                Adoption.AdoptionOutput.WriteJson(json, f);
                json.WriteEndObject();
            }

            public void End(ReportSummary s)
            {
                _json.WriteEndArray();
                _json.WritePropertyName("files"); _json.WriteValue(s.Files);
                _json.WritePropertyName("resources"); _json.WriteValue(s.Resources);
                _json.WritePropertyName("summary");
                _json.WriteStartObject();
                _json.WritePropertyName("errors"); _json.WriteValue(s.Errors);
                _json.WritePropertyName("warnings"); _json.WriteValue(s.Warnings);
                _json.WritePropertyName("suggestions"); _json.WriteValue(s.Suggestions);
                _json.WritePropertyName("notes"); _json.WriteValue(s.Notes);
                Adoption.AdoptionOutput.WriteJsonSummary(_json, s);
                _json.WriteEndObject();
                _json.WriteEndObject();
                _json.Flush();
                _writer.WriteLine();
            }
        }
    }
}
