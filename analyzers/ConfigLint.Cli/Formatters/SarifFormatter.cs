using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Model;
using Newtonsoft.Json;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html): full rule metadata, results
    /// with 1-based regions (end column exclusive), and artifact URIs relative to <c>%SRCROOT%</c>.
    /// </summary>
    public sealed class SarifFormatter : IFormatter
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

        public string Name => "sarif";

        public static string Level(Severity severity) => severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "note",
        };

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(header, writer);

        /// <summary>
        /// Writes the run header and streams results. The artifacts (every linted file) follow the results; their
        /// list is spooled to a temporary file meanwhile, so memory does not grow with the number of files.
        /// </summary>
        private sealed class Writer : IReportWriter, IDisposable
        {
            private readonly TextWriter _writer;
            private readonly JsonTextWriter _json;
            private readonly Dictionary<string, int> _ruleIndex;
            private readonly StreamWriter _spool;

            public Writer(ReportHeader header, TextWriter writer)
            {
                _writer = writer;
                _ruleIndex = header.Rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
                var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose);
                _spool = new StreamWriter(spool, new System.Text.UTF8Encoding(false));

                var json = _json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, CloseOutput = false };
                json.WriteStartObject();
                json.WritePropertyName("$schema"); json.WriteValue(SchemaUri);
                json.WritePropertyName("version"); json.WriteValue("2.1.0");
                json.WritePropertyName("runs");
                json.WriteStartArray();
                json.WriteStartObject();

                json.WritePropertyName("tool");
                json.WriteStartObject();
                json.WritePropertyName("driver");
                json.WriteStartObject();
                json.WritePropertyName("name"); json.WriteValue("ConfigLint");
                json.WritePropertyName("semanticVersion"); json.WriteValue(ReportHeader.ToolVersion);
                json.WritePropertyName("informationUri"); json.WriteValue("https://github.com/configlint/configlint");
                json.WritePropertyName("rules");
                json.WriteStartArray();
                foreach (var rule in header.Rules) WriteRule(json, rule);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();

                json.WritePropertyName("originalUriBaseIds");
                json.WriteStartObject();
                json.WritePropertyName("SRCROOT");
                json.WriteStartObject();
                json.WritePropertyName("uri"); json.WriteValue(DirectoryUri(header.BaseDirectory));
                json.WriteEndObject();
                json.WriteEndObject();

                json.WritePropertyName("columnKind"); json.WriteValue("utf16CodeUnits");
                json.WritePropertyName("results");
                json.WriteStartArray();
            }

            public void File(string path) => _spool.WriteLine(path);

            public void Finding(Finding finding)
            {
                var json = _json;
                json.WriteStartObject();
                json.WritePropertyName("ruleId"); json.WriteValue(finding.RuleId);
                if (_ruleIndex.TryGetValue(finding.RuleId, out var index))
                {
                    json.WritePropertyName("ruleIndex"); json.WriteValue(index);
                }
                json.WritePropertyName("level"); json.WriteValue(Level(finding.Severity));
                json.WritePropertyName("message");
                json.WriteStartObject();
                json.WritePropertyName("text"); json.WriteValue(finding.Message);
                json.WriteEndObject();
                if (finding.Location != null)
                {
                    WriteLocation(json, finding.Location.Path, directory: false, finding.Location);
                }
                else if (finding.Scope != null)
                {
                    // A tenant finding about a whole export: its location is the export folder, with no region.
                    WriteLocation(json, finding.Scope, directory: true, region: null);
                }
                Adoption.AdoptionOutput.WriteSarif(json, finding);
                json.WriteEndObject();
            }

            public void End(ReportSummary summary)
            {
                var json = _json;
                Adoption.AdoptionOutput.WriteSarifAbsent(json, summary, _ruleIndex);
                json.WriteEndArray();
                json.WritePropertyName("artifacts");
                json.WriteStartArray();
                _spool.Flush();
                _spool.BaseStream.Position = 0;
                using (var reader = new StreamReader(_spool.BaseStream, System.Text.Encoding.UTF8, false, 4096, leaveOpen: true))
                {
                    for (string? file = reader.ReadLine(); file != null; file = reader.ReadLine())
                    {
                        json.WriteStartObject();
                        json.WritePropertyName("location");
                        WriteArtifactLocation(json, file, directory: false);
                        json.WriteEndObject();
                    }
                }
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                json.Flush();
                _writer.WriteLine();
                Dispose();
            }

            public void Dispose() => _spool.Dispose();
        }

        private static void WriteRule(JsonTextWriter json, RuleDescriptor rule)
        {
            json.WriteStartObject();
            json.WritePropertyName("id"); json.WriteValue(rule.Id);
            json.WritePropertyName("name"); json.WriteValue(rule.Name);
            json.WritePropertyName("shortDescription");
            json.WriteStartObject();
            json.WritePropertyName("text"); json.WriteValue(rule.Title);
            json.WriteEndObject();
            json.WritePropertyName("fullDescription");
            json.WriteStartObject();
            json.WritePropertyName("text"); json.WriteValue(string.IsNullOrEmpty(rule.Description) ? rule.Title : rule.Description);
            json.WriteEndObject();
            json.WritePropertyName("helpUri"); json.WriteValue(rule.HelpUri);
            json.WritePropertyName("defaultConfiguration");
            json.WriteStartObject();
            json.WritePropertyName("level"); json.WriteValue(Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WritePropertyName("properties");
            json.WriteStartObject();
            json.WritePropertyName("category"); json.WriteValue(rule.Category);
            json.WritePropertyName("source"); json.WriteValue(rule.Source);
            json.WritePropertyName("tags");
            json.WriteStartArray();
            foreach (var tag in rule.Tags) json.WriteValue(tag);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WriteLocation(JsonTextWriter json, string path, bool directory, Core.Text.SourceLocation? region)
        {
            json.WritePropertyName("locations");
            json.WriteStartArray();
            json.WriteStartObject();
            json.WritePropertyName("physicalLocation");
            json.WriteStartObject();
            json.WritePropertyName("artifactLocation");
            WriteArtifactLocation(json, path, directory);
            if (region != null)
            {
                json.WritePropertyName("region");
                json.WriteStartObject();
                json.WritePropertyName("startLine"); json.WriteValue(region.Start.Line);
                json.WritePropertyName("startColumn"); json.WriteValue(region.Start.Column);
                json.WritePropertyName("endLine"); json.WriteValue(region.End.Line);
                json.WritePropertyName("endColumn"); json.WriteValue(region.End.Column);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        /// <summary>A file's (or, for a tenant scope, a folder's) URI: relative to <c>%SRCROOT%</c> when it is inside it.</summary>
        private static void WriteArtifactLocation(JsonTextWriter json, string path, bool directory)
        {
            json.WriteStartObject();
            if (Path.IsPathRooted(path))
            {
                var uri = new Uri(path).AbsoluteUri;
                json.WritePropertyName("uri"); json.WriteValue(directory && !uri.EndsWith("/", StringComparison.Ordinal) ? uri + "/" : uri);
            }
            else
            {
                var uri = RelativeUri(path);
                json.WritePropertyName("uri"); json.WriteValue(directory && uri.Length > 0 ? uri + "/" : uri);
                json.WritePropertyName("uriBaseId"); json.WriteValue("SRCROOT");
            }
            json.WriteEndObject();
        }

        public static string RelativeUri(string relativePath) =>
            string.Join("/", relativePath.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));

        private static string DirectoryUri(string directory)
        {
            var uri = new Uri(Path.GetFullPath(directory)).AbsoluteUri;
            return uri.EndsWith("/", StringComparison.Ordinal) ? uri : uri + "/";
        }
    }
}
