using System.IO;
using ConfigLint.Core.Model;
using Newtonsoft.Json;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// A plain JSON document for scripts (RFC 8259, https://www.rfc-editor.org/rfc/rfc8259): one object per finding
    /// (1-based, end exclusive), then the counts. The findings come first because the report is streamed and the
    /// counts are known only at the end. Strings are JSON-escaped whole (a path with a line break stays one string).
    /// </summary>
    public sealed class JsonFormatter : IFormatter
    {
        public string Name => "json";

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(header, writer);

        private sealed class Writer : IReportWriter
        {
            private readonly ReportHeader _header;
            private readonly TextWriter _writer;
            private readonly JsonTextWriter _json;

            public Writer(ReportHeader header, TextWriter writer)
            {
                _header = header;
                _writer = writer;
                _json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, CloseOutput = false };
                _json.WriteStartObject();
                _json.WritePropertyName("tool"); _json.WriteValue("configlint");
                _json.WritePropertyName("version"); _json.WriteValue(ReportHeader.ToolVersion);
                _json.WritePropertyName("findings");
                _json.WriteStartArray();
            }

            public void File(LintedFile file)
            {
            }

            public void Finding(Finding f, FindingOrigin origin)
            {
                var json = _json;
                json.WriteStartObject();
                json.WritePropertyName("ruleId"); json.WriteValue(f.RuleId);
                json.WritePropertyName("ruleName"); json.WriteValue(f.Rule.Name);
                json.WritePropertyName("severity"); json.WriteValue(f.Severity.ToName());
                json.WritePropertyName("message"); json.WriteValue(f.Message);
                if (!origin.IsAnchored)
                {
                    json.WritePropertyName("path"); json.WriteValue(origin.Path);
                    json.WritePropertyName("line"); json.WriteValue(origin.Line);
                    json.WritePropertyName("column"); json.WriteValue(origin.Column);
                    json.WritePropertyName("endLine"); json.WriteValue(origin.EndLine);
                    json.WritePropertyName("endColumn"); json.WriteValue(origin.EndColumn);
                }
                else
                {
                    // A tenant finding that belongs to no file: the export folder it is about ("" = the repository root).
                    json.WritePropertyName("scope"); json.WriteValue(origin.Scope);
                }
                json.WritePropertyName("fingerprint"); json.WriteValue(f.Fingerprint);
                var helpUri = SarifFormatter.HelpUri(f.Rule, _header.HelpBaseUri);
                if (helpUri != null)
                {
                    json.WritePropertyName("helpUri"); json.WriteValue(helpUri);
                }
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
