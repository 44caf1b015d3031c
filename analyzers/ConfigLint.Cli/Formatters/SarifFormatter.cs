using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Model;
using ConfigLint.Rules.Reporting;
using Newtonsoft.Json;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) as GitHub code scanning reads it
    /// (https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
    /// </summary>
    /// <remarks>
    /// Per rule: short and full description, <c>help.text</c> and <c>help.markdown</c> from its doc page, a
    /// <c>helpUri</c> only under a configured help base, and <c>properties</c> with tags, <c>precision</c> and
    /// <c>security-severity</c> (<see cref="RuleMetadata"/>). Per result: a region always (a tenant-level finding is
    /// anchored to its tenant's first file at line 1, with the export folder as a related location; see
    /// <see cref="FindingOrigin"/>) and <c>partialFingerprints</c> from the finding's stable fingerprint. Per run:
    /// URIs relative to <c>%SRCROOT%</c> (the repository root), <c>automationDetails.id</c>, and one invocation with
    /// the working directory, times, exit code and configuration notifications. JSON keeps every path whole (a file
    /// name with a line break stays one artifact).
    /// </remarks>
    public sealed class SarifFormatter : IFormatter
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

        /// <summary>The key of ConfigLint's fingerprint in <c>partialFingerprints</c> (versioned, as SARIF §3.27.17 advises).</summary>
        public const string FingerprintKey = "configlintFingerprint/v1";

        public string Name => "sarif";

        public static string Level(Severity severity) => severity.Words().SarifLevel;

        /// <summary>
        /// The default <c>automationDetails.id</c>: <c>configlint/&lt;tenant&gt;/</c>, the tenant being the export folder
        /// linted (with several, the folder that holds them all; the root's own name when that is the root).
        /// </summary>
        public static string DefaultAutomationId(IReadOnlyList<string> scopes, string root)
        {
            var parts = scopes.Select(s => s.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries)).ToList();
            var common = parts.Count == 0 ? new string[0] : parts.Aggregate((a, b) => a.Zip(b, (x, y) => (x, y)).TakeWhile(p => p.x == p.y).Select(p => p.x).ToArray());
            string tenant = common.Length > 0 ? string.Join("/", common) : Path.GetFileName(root.TrimEnd('/', '\\'));
            return "configlint/" + (tenant.Length == 0 ? "root" : tenant) + "/";
        }

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(header, writer);

        /// <summary>
        /// Writes the run header and streams results. The artifacts (every linted file) follow the results; their
        /// list is spooled to a temporary file meanwhile (one JSON string per line, so a name with a line break stays
        /// whole), so memory does not grow with the number of files.
        /// </summary>
        private sealed class Writer : IReportWriter, IDisposable
        {
            private readonly ReportHeader _header;
            private readonly TextWriter _writer;
            private readonly JsonTextWriter _json;
            private readonly Dictionary<string, int> _ruleIndex;
            private readonly StreamWriter _spool;

            public Writer(ReportHeader header, TextWriter writer)
            {
                _header = header;
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
                json.WritePropertyName("rules");
                json.WriteStartArray();
                foreach (var rule in header.Rules) WriteRule(json, rule, header.HelpBaseUri);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();

                json.WritePropertyName("originalUriBaseIds");
                json.WriteStartObject();
                json.WritePropertyName("SRCROOT");
                json.WriteStartObject();
                json.WritePropertyName("uri"); json.WriteValue(DirectoryUri(header.Root));
                json.WriteEndObject();
                json.WriteEndObject();

                json.WritePropertyName("columnKind"); json.WriteValue("utf16CodeUnits");
                json.WritePropertyName("results");
                json.WriteStartArray();
            }

            public void File(LintedFile file) => _spool.WriteLine(JsonConvert.ToString(file.Path));

            public void Finding(Finding finding, FindingOrigin origin)
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
                json.WritePropertyName("text"); json.WriteValue(origin.IsAnchored ? finding.MessageWithScope : finding.Message);
                json.WriteEndObject();

                json.WritePropertyName("locations");
                json.WriteStartArray();
                WriteLocation(json, origin.Path, origin);
                json.WriteEndArray();
                if (origin.IsAnchored)
                {
                    // The export folder the finding is about, which code scanning cannot show as the primary location.
                    json.WritePropertyName("relatedLocations");
                    json.WriteStartArray();
                    json.WriteStartObject();
                    json.WritePropertyName("id"); json.WriteValue(1);
                    json.WritePropertyName("physicalLocation");
                    json.WriteStartObject();
                    json.WritePropertyName("artifactLocation");
                    WriteArtifactLocation(json, origin.Scope!, directory: true);
                    json.WriteEndObject();
                    json.WritePropertyName("message");
                    json.WriteStartObject();
                    json.WritePropertyName("text"); json.WriteValue("tenant export folder " + (origin.Scope!.Length == 0 ? "." : origin.Scope));
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                }

                WritePartialFingerprints(json, finding.Fingerprint);
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
                    for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine())
                    {
                        // Each spooled line is one JSON string (JsonConvert.ToString above); a token reader unescapes
                        // it without the reflection-based deserializer, which a Native AOT build cannot keep.
                        string file;
                        using (var token = new JsonTextReader(new StringReader(line)))
                        {
                            token.Read();
                            file = (string)token.Value!;
                        }
                        json.WriteStartObject();
                        json.WritePropertyName("location");
                        WriteArtifactLocation(json, file, directory: false);
                        json.WriteEndObject();
                    }
                }
                json.WriteEndArray();

                json.WritePropertyName("automationDetails");
                json.WriteStartObject();
                json.WritePropertyName("id"); json.WriteValue(_header.AutomationId ?? DefaultAutomationId(summary.Scopes, _header.Root));
                json.WriteEndObject();

                WriteInvocation(json, summary);

                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                json.Flush();
                _writer.WriteLine();
                Dispose();
            }

            private void WriteInvocation(JsonTextWriter json, ReportSummary summary)
            {
                json.WritePropertyName("invocations");
                json.WriteStartArray();
                json.WriteStartObject();
                json.WritePropertyName("executionSuccessful"); json.WriteValue(summary.ExitCode == 0 || summary.ExitCode == 1);
                json.WritePropertyName("exitCode"); json.WriteValue(summary.ExitCode);
                json.WritePropertyName("startTimeUtc"); json.WriteValue(Utc(_header.StartTime));
                json.WritePropertyName("endTimeUtc"); json.WriteValue(Utc(summary.EndTime));
                json.WritePropertyName("workingDirectory");
                json.WriteStartObject();
                json.WritePropertyName("uri"); json.WriteValue(DirectoryUri(_header.WorkingDirectory));
                json.WriteEndObject();
                if (_header.Arguments.Count > 0)
                {
                    json.WritePropertyName("arguments");
                    json.WriteStartArray();
                    foreach (var argument in _header.Arguments) json.WriteValue(argument);
                    json.WriteEndArray();
                }
                json.WritePropertyName("toolConfigurationNotifications");
                json.WriteStartArray();
                foreach (var line in _header.Notifications.Lines)
                {
                    json.WriteStartObject();
                    json.WritePropertyName("level"); json.WriteValue(line.Contains(": error:") ? "error" : "warning");
                    json.WritePropertyName("message");
                    json.WriteStartObject();
                    json.WritePropertyName("text"); json.WriteValue(line);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
            }

            private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

            public void Dispose() => _spool.Dispose();
        }

        private static void WriteRule(JsonTextWriter json, RuleDescriptor rule, string? helpBaseUri)
        {
            var help = RuleHelp.For(rule.Id, helpBaseUri);
            json.WriteStartObject();
            json.WritePropertyName("id"); json.WriteValue(rule.Id);
            json.WritePropertyName("name"); json.WriteValue(rule.Name);
            json.WritePropertyName("shortDescription");
            json.WriteStartObject();
            json.WritePropertyName("text"); json.WriteValue(rule.Title);
            json.WriteEndObject();
            json.WritePropertyName("fullDescription");
            json.WriteStartObject();
            json.WritePropertyName("text"); json.WriteValue(FullDescription(rule, help));
            json.WriteEndObject();
            var helpUri = HelpUri(rule, helpBaseUri);
            if (helpUri != null)
            {
                json.WritePropertyName("helpUri"); json.WriteValue(helpUri);
            }
            if (help != null)
            {
                json.WritePropertyName("help");
                json.WriteStartObject();
                json.WritePropertyName("text"); json.WriteValue(help.Text);
                json.WritePropertyName("markdown"); json.WriteValue(help.Markdown);
                json.WriteEndObject();
            }
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
            foreach (var tag in RuleMetadata.Tags(rule)) json.WriteValue(tag);
            json.WriteEndArray();
            json.WritePropertyName("precision"); json.WriteValue(RuleMetadata.Precision(rule.DefaultSeverity));
            if (RuleMetadata.IsSecurity(rule))
            {
                json.WritePropertyName("security-severity"); json.WriteValue(RuleMetadata.SecuritySeverity(rule.DefaultSeverity));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }

        /// <summary>The rule's own description when it says more than the title, else its doc page's synopsis and why.</summary>
        public static string FullDescription(RuleDescriptor rule, RuleHelp? help)
        {
            if (!string.IsNullOrWhiteSpace(rule.Description) && !string.Equals(rule.Description.Trim(), rule.Title.Trim(), StringComparison.Ordinal)) return rule.Description;
            if (help != null && help.FullDescription.Length > 0) return help.FullDescription;
            return rule.Title;
        }

        private static void WriteLocation(JsonTextWriter json, string path, FindingOrigin origin)
        {
            json.WriteStartObject();
            json.WritePropertyName("physicalLocation");
            json.WriteStartObject();
            json.WritePropertyName("artifactLocation");
            WriteArtifactLocation(json, path, directory: false);
            json.WritePropertyName("region");
            json.WriteStartObject();
            json.WritePropertyName("startLine"); json.WriteValue(origin.Line);
            json.WritePropertyName("startColumn"); json.WriteValue(origin.Column);
            if (!origin.IsAnchored)
            {
                json.WritePropertyName("endLine"); json.WriteValue(origin.EndLine);
                json.WritePropertyName("endColumn"); json.WriteValue(origin.EndColumn);
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
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

        /// <summary>
        /// A rule's doc link: a built-in rule's page under the configured help base (none without one); a custom pack's
        /// rule (an ID not of the CLxxxx form) keeps the link its pack gave it, since its page is not among ours.
        /// </summary>
        public static string? HelpUri(RuleDescriptor rule, string? helpBaseUri) =>
            RuleIdentifiers.IsWellFormed(rule.Id)
                ? RuleMetadata.HelpUri(helpBaseUri, rule.Id)
                : (string.IsNullOrEmpty(rule.HelpUri) ? null : rule.HelpUri);

        /// <summary>The one writer of a result's <c>partialFingerprints</c> (reported and baseline-absent results alike).</summary>
        public static void WritePartialFingerprints(JsonTextWriter json, string fingerprint)
        {
            json.WritePropertyName("partialFingerprints");
            json.WriteStartObject();
            json.WritePropertyName(FingerprintKey); json.WriteValue(fingerprint);
            json.WriteEndObject();
        }

        public static string RelativeUri(string relativePath) =>
            string.Join("/", relativePath.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));

        private static string DirectoryUri(string directory)
        {
            var uri = new Uri(Path.GetFullPath(directory)).AbsoluteUri;
            return uri.EndsWith("/", StringComparison.Ordinal) ? uri : uri + "/";
        }
    }
}
