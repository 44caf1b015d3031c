using System;
using System.Collections.Generic;
using System.IO;
using ConfigLint.Cli.Formatters;
using ConfigLint.Core.Model;
using Newtonsoft.Json;

namespace ConfigLint.Cli.Adoption
{
    /// <summary>
    /// What suppressions and baselines add to a finding in the machine-readable reports, kept here so the formatters
    /// stay one call away from it: SARIF 2.1.0 <c>suppressions</c> (§3.27.23, §3.35) and <c>baselineState</c> (§3.27.24);
    /// in JSON <c>suppressed</c> and <c>baselineState</c>. The fingerprints themselves are the formatters' own
    /// (<see cref="SarifFormatter.WritePartialFingerprints"/>, JSON <c>fingerprint</c>).
    /// </summary>
    public static class AdoptionOutput
    {
        public static void WriteSarif(JsonTextWriter json, Finding finding)
        {
            if (finding.Suppression is { } s)
            {
                json.WritePropertyName("suppressions");
                json.WriteStartArray();
                json.WriteStartObject();
                // "external": accepted in a persistent store outside the analyzed files (configlint.suppressions.yaml).
                json.WritePropertyName("kind"); json.WriteValue("external");
                json.WritePropertyName("status"); json.WriteValue("accepted");
                json.WritePropertyName("justification"); json.WriteValue(s.Justification);
                json.WritePropertyName("location");
                json.WriteStartObject();
                json.WritePropertyName("physicalLocation");
                json.WriteStartObject();
                json.WritePropertyName("artifactLocation");
                WriteArtifact(json, s.File);
                json.WritePropertyName("region");
                json.WriteStartObject();
                json.WritePropertyName("startLine"); json.WriteValue(s.Line);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WritePropertyName("properties");
                json.WriteStartObject();
                json.WritePropertyName("owner"); json.WriteValue(s.Owner);
                if (s.Expires != null)
                {
                    json.WritePropertyName("expires"); json.WriteValue(s.Expires);
                }
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
            }
            if (finding.BaselineState is { } state)
            {
                json.WritePropertyName("baselineState"); json.WriteValue(Name(state));
            }
        }

        /// <summary>The baseline's findings that the run no longer has, as results with <c>baselineState: absent</c>.</summary>
        public static void WriteSarifAbsent(JsonTextWriter json, ReportSummary summary, IReadOnlyDictionary<string, int> ruleIndex)
        {
            if (summary.Baseline == null) return;
            foreach (var entry in summary.Baseline.Absent)
            {
                json.WriteStartObject();
                json.WritePropertyName("ruleId"); json.WriteValue(entry.RuleId);
                if (ruleIndex.TryGetValue(entry.RuleId, out var index))
                {
                    json.WritePropertyName("ruleIndex"); json.WriteValue(index);
                }
                json.WritePropertyName("level"); json.WriteValue(SeverityNames.TryParse(entry.Severity, out var severity) ? SarifFormatter.Level(severity) : "warning");
                json.WritePropertyName("message");
                json.WriteStartObject();
                json.WritePropertyName("text"); json.WriteValue(entry.Message);
                json.WriteEndObject();
                if (entry.Path != null)
                {
                    json.WritePropertyName("locations");
                    json.WriteStartArray();
                    json.WriteStartObject();
                    json.WritePropertyName("physicalLocation");
                    json.WriteStartObject();
                    json.WritePropertyName("artifactLocation");
                    WriteArtifact(json, entry.Path);
                    if (entry.Line > 0)
                    {
                        json.WritePropertyName("region");
                        json.WriteStartObject();
                        json.WritePropertyName("startLine"); json.WriteValue(entry.Line);
                        if (entry.Column > 0)
                        {
                            json.WritePropertyName("startColumn"); json.WriteValue(entry.Column);
                        }
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                SarifFormatter.WritePartialFingerprints(json, entry.Fingerprint);
                json.WritePropertyName("baselineState"); json.WriteValue("absent");
                json.WriteEndObject();
            }
        }

        public static void WriteJson(JsonTextWriter json, Finding finding)
        {
            if (finding.Subject?.Setting != null)
            {
                json.WritePropertyName("setting"); json.WriteValue(finding.Subject.Setting);
            }
            json.WritePropertyName("suppressed"); json.WriteValue(finding.Suppression != null);
            if (finding.Suppression is { } s)
            {
                json.WritePropertyName("suppression");
                json.WriteStartObject();
                json.WritePropertyName("justification"); json.WriteValue(s.Justification);
                json.WritePropertyName("owner"); json.WriteValue(s.Owner);
                json.WritePropertyName("expires"); json.WriteValue(s.Expires);
                json.WritePropertyName("file"); json.WriteValue(s.File);
                json.WritePropertyName("line"); json.WriteValue(s.Line);
                json.WriteEndObject();
            }
            if (finding.BaselineState is { } state)
            {
                json.WritePropertyName("baselineState"); json.WriteValue(Name(state));
            }
        }

        public static void WriteJsonSummary(JsonTextWriter json, ReportSummary summary)
        {
            json.WritePropertyName("suppressed"); json.WriteValue(summary.Suppressed ?? 0);
            if (summary.Baseline == null) return;
            json.WritePropertyName("baseline");
            json.WriteStartObject();
            json.WritePropertyName("new"); json.WriteValue(summary.Baseline.New);
            json.WritePropertyName("unchanged"); json.WriteValue(summary.Baseline.Unchanged);
            json.WritePropertyName("absent"); json.WriteValue(summary.Baseline.Absent.Count);
            json.WriteEndObject();
        }

        public static string Name(BaselineState state) => state switch
        {
            BaselineState.New => "new",
            BaselineState.Unchanged => "unchanged",
            _ => "absent",
        };

        private static void WriteArtifact(JsonTextWriter json, string path)
        {
            json.WriteStartObject();
            if (Path.IsPathRooted(path))
            {
                json.WritePropertyName("uri"); json.WriteValue(new Uri(path).AbsoluteUri);
            }
            else
            {
                json.WritePropertyName("uri"); json.WriteValue(SarifFormatter.RelativeUri(path));
                json.WritePropertyName("uriBaseId"); json.WriteValue("SRCROOT");
            }
            json.WriteEndObject();
        }
    }
}
