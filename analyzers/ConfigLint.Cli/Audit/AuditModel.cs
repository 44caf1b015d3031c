using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;

namespace ConfigLint.Cli.Audit
{
    // The audit's results, as written to results.json and read back by `configlint merge`: one document per tenant run.
    // Every report (HTML, Markdown, CSV, merged SARIF) is rendered from this model only, so a merged report is the
    // per-tenant reports side by side. An audit does not hold its findings in memory: they stream from its spool
    // (FindingSpool, a SQLite file) through AllFindings(), and the controls table reads the compact FindingSummary.

    public sealed class AuditResult
    {
        public const string CurrentSchema = "configlint-audit/1";

        public string Schema { get; set; } = CurrentSchema;
        public AuditRunInfo Run { get; set; } = new AuditRunInfo();
        public AuditCounts Counts { get; set; } = new AuditCounts();
        public List<ControlResult> Controls { get; set; } = new List<ControlResult>();
        public List<RuleResult> Rules { get; set; } = new List<RuleResult>();

        /// <summary>The findings read back from a results file (merge); empty during an audit, whose findings stream from <see cref="FindingStream"/>.</summary>
        [JsonIgnore]
        public List<AuditFinding> Findings { get; set; } = new List<AuditFinding>();

        /// <summary>results.json's <c>findings</c>: written by enumerating <see cref="AllFindings"/> (one at a time), read into <see cref="Findings"/>.</summary>
        [JsonProperty("findings", ObjectCreationHandling = ObjectCreationHandling.Replace)]
        public IEnumerable<AuditFinding> FindingsForJson
        {
            get => AllFindings();
            set => Findings = value?.ToList() ?? new List<AuditFinding>();
        }

        /// <summary>Every finding in report order (policy, file, line, rule), from the spool when the audit streams them.</summary>
        public IEnumerable<AuditFinding> AllFindings() => FindingStream?.Invoke() ?? Findings;

        /// <summary>The audit's findings, read anew on each call (each report enumerates them once); null for results read from a file.</summary>
        [JsonIgnore]
        public System.Func<IEnumerable<AuditFinding>>? FindingStream { get; set; }

        /// <summary>Per rule and outcome: how many findings and which policies, for the controls tables.</summary>
        [JsonIgnore]
        public FindingSummary Summary
        {
            get => _summary ??= FindingSummary.Of(Findings);
            set => _summary = value;
        }

        private FindingSummary? _summary;

        public AuditChanges? Changes { get; set; }
        public List<TrendPoint> Trend { get; set; } = new List<TrendPoint>();
        public List<AcceptedRisk> AcceptedRisks { get; set; } = new List<AcceptedRisk>();
    }

    public sealed class AuditRunInfo
    {
        public string Tenant { get; set; } = string.Empty;
        public string TimeUtc { get; set; } = string.Empty;
        public string ToolVersion { get; set; } = string.Empty;
        public string RuleSetVersion { get; set; } = string.Empty;
        public string? Commit { get; set; }
        public List<string> Inputs { get; set; } = new List<string>();
        public long? RunId { get; set; }
        public string? HistoryFile { get; set; }

        /// <summary>Why the run could not be recorded or compared (corrupt, locked or newer history file); null when it was.</summary>
        public string? HistoryError { get; set; }
    }

    public sealed class AuditCounts
    {
        public int Files { get; set; }
        public int Resources { get; set; }
        public int OpenFindings { get; set; }
        public int SuppressedFindings { get; set; }
        public int Errors { get; set; }
        public int Warnings { get; set; }
        public int Suggestions { get; set; }
        public int Pass { get; set; }
        public int Fail { get; set; }
        public int Suppressed { get; set; }
        public int NotApplicable { get; set; }
        public int NotCheckable { get; set; }
    }

    public sealed class ControlResult
    {
        public string Id { get; set; } = string.Empty;
        public string Kind { get; set; } = string.Empty;
        public string Title { get; set; } = string.Empty;
        public string Status { get; set; } = string.Empty;
        public string? NotCheckable { get; set; }
        public List<string> Rules { get; set; } = new List<string>();
    }

    /// <summary>One rule's outcomes over the tenant: how many resources passed, failed, and so on.</summary>
    public sealed class RuleResult
    {
        public string Id { get; set; } = string.Empty;
        public string Title { get; set; } = string.Empty;
        public string DefaultSeverity { get; set; } = string.Empty;
        public string HelpUri { get; set; } = string.Empty;
        public int Pass { get; set; }
        public int Fail { get; set; }
        public int Suppressed { get; set; }
        public int NotCheckable { get; set; }

        /// <summary>True when the rule applied to nothing in the export.</summary>
        public bool NotApplicable { get; set; }
    }

    public sealed class AuditFinding
    {
        public string RuleId { get; set; } = string.Empty;
        public string Title { get; set; } = string.Empty;
        public string Severity { get; set; } = string.Empty;
        public string Outcome { get; set; } = string.Empty;
        public string Message { get; set; } = string.Empty;
        public string Fingerprint { get; set; } = string.Empty;
        public string? File { get; set; }
        public int? Line { get; set; }
        public int? Column { get; set; }
        public string? ResourceType { get; set; }
        public string? ResourceId { get; set; }
        public string? ResourceName { get; set; }

        /// <summary>What the report groups by: the policy's display name, else its file, else the tenant.</summary>
        public string Policy { get; set; } = string.Empty;
        public List<string> Controls { get; set; } = new List<string>();
        public string Recommendation { get; set; } = string.Empty;
        public string HelpUri { get; set; } = string.Empty;

        /// <summary>A few lines of the export around the finding, numbered; empty when the file is gone or the finding has no line.</summary>
        public List<SnippetLine> Snippet { get; set; } = new List<SnippetLine>();
        public AcceptedRisk? Suppression { get; set; }
    }

    public sealed class SnippetLine
    {
        public int Line { get; set; }
        public string Text { get; set; } = string.Empty;
        public bool Marked { get; set; }
    }

    /// <summary>A suppression as the auditor sees it: what is accepted, why, by whom, until when.</summary>
    public sealed class AcceptedRisk
    {
        public string RuleId { get; set; } = string.Empty;
        public string Target { get; set; } = string.Empty;
        public string Justification { get; set; } = string.Empty;
        public string Owner { get; set; } = string.Empty;
        public string? Expires { get; set; }

        /// <summary>How many findings of the run the entry covers; null on a finding's own copy (results.json <c>findings[].suppression</c>).</summary>
        public int? Matched { get; set; }

        /// <summary>True when the expiry date is past: the entry no longer accepts anything and lint warns about it.</summary>
        public bool Expired { get; set; }

        /// <summary>The suppressions file and line of the entry; null for a source without files.</summary>
        public string? File { get; set; }
        public int? Line { get; set; }
    }

    public sealed class AuditChanges
    {
        public long PreviousRunId { get; set; }
        public string PreviousTimeUtc { get; set; } = string.Empty;
        public List<ChangedFinding> New { get; set; } = new List<ChangedFinding>();
        public List<ChangedFinding> Fixed { get; set; } = new List<ChangedFinding>();

        /// <summary>Open in the previous run and an accepted risk (suppressed) in this one: still there, so not fixed.</summary>
        public List<ChangedFinding> Accepted { get; set; } = new List<ChangedFinding>();
        public int Unchanged { get; set; }
        public List<ChangedFinding> SeverityChanged { get; set; } = new List<ChangedFinding>();
        public List<AcceptedRisk> ExpiredSuppressions { get; set; } = new List<AcceptedRisk>();
    }

    public sealed class ChangedFinding
    {
        public string Fingerprint { get; set; } = string.Empty;
        public string RuleId { get; set; } = string.Empty;
        public string Severity { get; set; } = string.Empty;
        public string? PreviousSeverity { get; set; }
        public string Policy { get; set; } = string.Empty;
        public string Message { get; set; } = string.Empty;
        public string? File { get; set; }
        public int? Line { get; set; }
    }

    public sealed class TrendPoint
    {
        public long RunId { get; set; }
        public string TimeUtc { get; set; } = string.Empty;
        public int Open { get; set; }
        public int Suppressed { get; set; }
        public int ControlsNotMet { get; set; }
    }
}
