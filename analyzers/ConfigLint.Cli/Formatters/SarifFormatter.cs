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

        public void Write(LintReport report, TextWriter writer)
        {
            var ruleIndex = report.Rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
            var artifacts = report.Files.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);

            using var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, CloseOutput = false };
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
            json.WritePropertyName("semanticVersion"); json.WriteValue(LintReport.ToolVersion);
            json.WritePropertyName("informationUri"); json.WriteValue("https://github.com/configlint/configlint");
            json.WritePropertyName("rules");
            json.WriteStartArray();
            foreach (var rule in report.Rules) WriteRule(json, rule);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WritePropertyName("originalUriBaseIds");
            json.WriteStartObject();
            json.WritePropertyName("SRCROOT");
            json.WriteStartObject();
            json.WritePropertyName("uri"); json.WriteValue(DirectoryUri(report.BaseDirectory));
            json.WriteEndObject();
            json.WriteEndObject();

            json.WritePropertyName("columnKind"); json.WriteValue("utf16CodeUnits");

            json.WritePropertyName("artifacts");
            json.WriteStartArray();
            foreach (var file in report.Files)
            {
                json.WriteStartObject();
                json.WritePropertyName("location");
                WriteArtifactLocation(json, file, null);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WritePropertyName("results");
            json.WriteStartArray();
            foreach (var finding in report.Findings)
            {
                json.WriteStartObject();
                json.WritePropertyName("ruleId"); json.WriteValue(finding.RuleId);
                if (ruleIndex.TryGetValue(finding.RuleId, out var index))
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
                    var loc = finding.Location;
                    json.WritePropertyName("locations");
                    json.WriteStartArray();
                    json.WriteStartObject();
                    json.WritePropertyName("physicalLocation");
                    json.WriteStartObject();
                    json.WritePropertyName("artifactLocation");
                    WriteArtifactLocation(json, loc.Path, artifacts.TryGetValue(loc.Path, out var a) ? a : (int?)null);
                    json.WritePropertyName("region");
                    json.WriteStartObject();
                    json.WritePropertyName("startLine"); json.WriteValue(loc.Start.Line);
                    json.WritePropertyName("startColumn"); json.WriteValue(loc.Start.Column);
                    json.WritePropertyName("endLine"); json.WriteValue(loc.End.Line);
                    json.WritePropertyName("endColumn"); json.WriteValue(loc.End.Column);
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            writer.WriteLine();
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

        private static void WriteArtifactLocation(JsonTextWriter json, string path, int? index)
        {
            json.WriteStartObject();
            if (Path.IsPathRooted(path))
            {
                json.WritePropertyName("uri"); json.WriteValue(new Uri(path).AbsoluteUri);
            }
            else
            {
                json.WritePropertyName("uri"); json.WriteValue(RelativeUri(path));
                json.WritePropertyName("uriBaseId"); json.WriteValue("SRCROOT");
            }
            if (index != null)
            {
                json.WritePropertyName("index"); json.WriteValue(index.Value);
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
