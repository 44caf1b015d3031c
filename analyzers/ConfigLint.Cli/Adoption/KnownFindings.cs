using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Formatters;
using ConfigLint.Core.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ConfigLint.Cli.Adoption
{
    /// <summary>One finding recorded in a baseline file: its fingerprint, and enough context for a person to read it.</summary>
    public sealed class BaselineEntry
    {
        public BaselineEntry(string fingerprint, string ruleId, string severity, string message, string? path, int line, int column, string? resource, string? setting)
        {
            Fingerprint = fingerprint;
            RuleId = ruleId;
            Severity = severity;
            Message = message;
            Path = path;
            Line = line;
            Column = column;
            Resource = resource;
            Setting = setting;
        }

        public string Fingerprint { get; }
        public string RuleId { get; }
        public string Severity { get; }
        public string Message { get; }

        /// <summary>The file (or, for a tenant finding, the export folder) as the run that wrote the baseline showed it.</summary>
        public string? Path { get; }

        public int Line { get; }
        public int Column { get; }
        public string? Resource { get; }
        public string? Setting { get; }
    }

    /// <summary>A baseline file that cannot be used, with its position.</summary>
    public sealed class BaselineFileException : Exception
    {
        public BaselineFileException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// A known-findings baseline (<c>configlint baseline create</c>, <c>lint --baseline</c>). Findings are matched on
    /// their fingerprints as a multiset: two findings of one rule on one subject need two entries, so a second copy of
    /// an accepted risk is new. Not thread-safe; the lint listener is called on one thread.
    /// </summary>
    public sealed class KnownFindings
    {
        public const int FormatVersion = 1;

        private readonly Dictionary<string, List<BaselineEntry>> _remaining;

        private KnownFindings(IEnumerable<BaselineEntry> entries)
        {
            _remaining = entries.GroupBy(e => e.Fingerprint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        }

        /// <summary>The finding marked <c>unchanged</c> when an unmatched baseline entry has its fingerprint, else <c>new</c>.</summary>
        public Finding Apply(Finding finding)
        {
            // A suppressed finding is accepted already; it neither uses up nor needs a baseline entry.
            if (finding.Suppression != null) return finding;
            if (_remaining.TryGetValue(finding.Fingerprint, out var list) && list.Count > 0)
            {
                list.RemoveAt(list.Count - 1);
                return finding.WithBaselineState(BaselineState.Unchanged);
            }
            return finding.WithBaselineState(BaselineState.New);
        }

        /// <summary>The entries no finding matched: fixed since the baseline was made.</summary>
        public IReadOnlyList<BaselineEntry> Absent() => _remaining.Values.SelectMany(l => l).OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.RuleId, StringComparer.Ordinal).ToList();

        /// <summary>Reads a baseline; throws <see cref="BaselineFileException"/> naming the file, line and reason.</summary>
        public static KnownFindings Load(string path, string displayPath)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new BaselineFileException($"{displayPath}: cannot read the baseline: {ex.Message}");
            }
            JToken root;
            try
            {
                root = JToken.Parse(text, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            }
            catch (JsonReaderException ex)
            {
                throw new BaselineFileException($"{displayPath}({ex.LineNumber},{ex.LinePosition}): the baseline is not valid JSON: {ex.Message}");
            }
            BaselineFileException Error(JToken at, string reason)
            {
                var info = (IJsonLineInfo)at;
                return new BaselineFileException($"{displayPath}({info.LineNumber},{info.LinePosition}): {reason}");
            }
            if (root is not JObject obj || obj["findings"] is not JArray findings) throw Error(root, "a baseline is an object with a 'findings' list (write one with 'configlint baseline create')");
            var version = obj["fingerprintVersion"]?.ToString();
            if (version != FindingFingerprint.Version)
            {
                throw Error(obj["fingerprintVersion"] ?? obj, $"the baseline's fingerprints are version '{version}', this ConfigLint computes version '{FindingFingerprint.Version}'; recreate it with 'configlint baseline create'");
            }
            var entries = new List<BaselineEntry>();
            foreach (var item in findings)
            {
                if (item is not JObject f) throw Error(item, "each finding is an object");
                string Required(string key) => f[key] is JValue { Type: JTokenType.String } v && !string.IsNullOrEmpty((string?)v) ? (string)v! : throw Error(f, $"the finding needs '{key}' (a string)");
                string fingerprint = Required("fingerprint");
                entries.Add(new BaselineEntry(
                    fingerprint, Required("ruleId"), f["severity"]?.ToString() ?? "warning", f["message"]?.ToString() ?? string.Empty,
                    f["path"]?.ToString() ?? f["scope"]?.ToString(), f["line"]?.Type == JTokenType.Integer ? (int)f["line"]! : 0,
                    f["column"]?.Type == JTokenType.Integer ? (int)f["column"]! : 0, f["resource"]?.ToString(), f["setting"]?.ToString()));
            }
            return new KnownFindings(entries);
        }
    }

    /// <summary>Writes a baseline file as the run streams: the findings of today, with their fingerprints.</summary>
    public sealed class BaselineFormatter : IFormatter
    {
        public string Name => "baseline";

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
                _json.WritePropertyName("formatVersion"); _json.WriteValue(KnownFindings.FormatVersion);
                _json.WritePropertyName("fingerprintVersion"); _json.WriteValue(FindingFingerprint.Version);
                _json.WritePropertyName("findings");
                _json.WriteStartArray();
            }

            public void File(LintedFile file)
            {
            }

            public void Finding(Finding f, FindingOrigin origin)
            {
                // Accepted risks live in the suppressions file, with their justification; the baseline holds the rest.
                if (f.Suppression != null) return;
                var json = _json;
                json.WriteStartObject();
                json.WritePropertyName("fingerprint"); json.WriteValue(f.Fingerprint);
                json.WritePropertyName("ruleId"); json.WriteValue(f.RuleId);
                json.WritePropertyName("severity"); json.WriteValue(f.Severity.ToName());
                // The report's paths (relative to the repository root), so lint --baseline's absent results point where SARIF does.
                if (!origin.IsAnchored)
                {
                    json.WritePropertyName("path"); json.WriteValue(origin.UriPath);
                    json.WritePropertyName("line"); json.WriteValue(origin.Line);
                    json.WritePropertyName("column"); json.WriteValue(origin.Column);
                }
                else
                {
                    json.WritePropertyName("scope"); json.WriteValue(origin.Scope!.Replace('\\', '/'));
                }
                var subject = f.Subject;
                if (subject?.ResourceName != null || subject?.ResourceId != null)
                {
                    json.WritePropertyName("resource"); json.WriteValue(subject!.ResourceName ?? subject.ResourceId);
                }
                if (subject?.Setting != null)
                {
                    json.WritePropertyName("setting"); json.WriteValue(subject.Setting);
                }
                json.WritePropertyName("message"); json.WriteValue(f.Message);
                json.WriteEndObject();
            }

            public void End(ReportSummary summary)
            {
                _json.WriteEndArray();
                _json.WriteEndObject();
                _json.Flush();
                _writer.WriteLine();
            }
        }
    }
}
