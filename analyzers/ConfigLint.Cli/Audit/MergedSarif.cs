using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Formatters;
using Newtonsoft.Json;

namespace ConfigLint.Cli.Audit
{
    /// <summary>
    /// merged.sarif: one SARIF 2.1.0 log with one run per tenant (<c>automationDetails.id</c> names it), built from the
    /// tenants' results.json. Suppressed findings carry an external suppression with their justification; every result
    /// carries its fingerprint, so code scanning tracks it across audits.
    /// </summary>
    public static class MergedSarif
    {
        public static void Write(IReadOnlyList<AuditResult> results, TextWriter writer)
        {
            using var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, CloseOutput = false };
            json.WriteStartObject();
            json.WritePropertyName("$schema"); json.WriteValue(SarifFormatter.SchemaUri);
            json.WritePropertyName("version"); json.WriteValue("2.1.0");
            json.WritePropertyName("runs");
            json.WriteStartArray();
            foreach (var result in results) Run(result, json);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static void Run(AuditResult result, JsonTextWriter json)
        {
            json.WriteStartObject();
            json.WritePropertyName("tool");
            json.WriteStartObject();
            json.WritePropertyName("driver");
            json.WriteStartObject();
            json.WritePropertyName("name"); json.WriteValue("ConfigLint");
            json.WritePropertyName("semanticVersion"); json.WriteValue(result.Run.ToolVersion);
            json.WritePropertyName("informationUri"); json.WriteValue("https://github.com/configlint/configlint");
            json.WritePropertyName("rules");
            json.WriteStartArray();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var rule in result.Rules)
            {
                index[rule.Id] = index.Count;
                json.WriteStartObject();
                json.WritePropertyName("id"); json.WriteValue(rule.Id);
                json.WritePropertyName("shortDescription"); json.WriteStartObject(); json.WritePropertyName("text"); json.WriteValue(rule.Title); json.WriteEndObject();
                if (rule.HelpUri.Length > 0) { json.WritePropertyName("helpUri"); json.WriteValue(rule.HelpUri); }
                json.WritePropertyName("defaultConfiguration"); json.WriteStartObject(); json.WritePropertyName("level"); json.WriteValue(Level(rule.DefaultSeverity)); json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WritePropertyName("automationDetails");
            json.WriteStartObject();
            json.WritePropertyName("id"); json.WriteValue("configlint-audit/" + result.Run.Tenant + "/");
            json.WriteEndObject();
            json.WritePropertyName("properties");
            json.WriteStartObject();
            json.WritePropertyName("tenant"); json.WriteValue(result.Run.Tenant);
            json.WritePropertyName("auditedUtc"); json.WriteValue(result.Run.TimeUtc);
            if (result.Run.Commit != null) { json.WritePropertyName("commit"); json.WriteValue(result.Run.Commit); }
            json.WriteEndObject();

            json.WritePropertyName("results");
            json.WriteStartArray();
            foreach (var f in result.AllFindings().Where(f => f.Outcome != "pass"))
            {
                json.WriteStartObject();
                json.WritePropertyName("ruleId"); json.WriteValue(f.RuleId);
                if (index.TryGetValue(f.RuleId, out int i)) { json.WritePropertyName("ruleIndex"); json.WriteValue(i); }
                json.WritePropertyName("level"); json.WriteValue(Level(f.Severity));
                json.WritePropertyName("message"); json.WriteStartObject(); json.WritePropertyName("text"); json.WriteValue(f.Message); json.WriteEndObject();
                if (f.File != null)
                {
                    json.WritePropertyName("locations");
                    json.WriteStartArray();
                    json.WriteStartObject();
                    json.WritePropertyName("physicalLocation");
                    json.WriteStartObject();
                    json.WritePropertyName("artifactLocation"); json.WriteStartObject(); json.WritePropertyName("uri"); json.WriteValue(Uri.EscapeDataString(f.File).Replace("%2F", "/")); json.WriteEndObject();
                    if (f.Line != null)
                    {
                        json.WritePropertyName("region"); json.WriteStartObject();
                        json.WritePropertyName("startLine"); json.WriteValue(f.Line.Value);
                        if (f.Column != null) { json.WritePropertyName("startColumn"); json.WriteValue(f.Column.Value); }
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                json.WritePropertyName("partialFingerprints"); json.WriteStartObject(); json.WritePropertyName("configlint/v1"); json.WriteValue(f.Fingerprint); json.WriteEndObject();
                if (f.Suppression != null)
                {
                    json.WritePropertyName("suppressions");
                    json.WriteStartArray();
                    json.WriteStartObject();
                    json.WritePropertyName("kind"); json.WriteValue("external");
                    json.WritePropertyName("justification"); json.WriteValue(f.Suppression.Justification);
                    json.WritePropertyName("properties"); json.WriteStartObject(); json.WritePropertyName("owner"); json.WriteValue(f.Suppression.Owner); json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static string Level(string severity) => severity switch
        {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
    }
}
