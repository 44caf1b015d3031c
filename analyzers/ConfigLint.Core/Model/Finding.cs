using System;
using System.Collections.Generic;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Model
{
    /// <summary>One reported diagnostic: a rule, its effective severity, the message and where.</summary>
    public sealed class Finding
    {
        public Finding(RuleDescriptor rule, Severity severity, string message, SourceLocation? location, string? scope = null)
        {
            Rule = rule;
            Severity = severity;
            Message = message;
            Location = location;
            TenantScope = scope;
            Scope = location == null ? scope : null;
        }

        /// <summary>A finding with another severity (configured per file after the engine ran).</summary>
        public Finding WithSeverity(Severity severity) => severity == Severity ? this : Copy(severity, Suppression, BaselineState);

        /// <summary>The finding accepted by a suppressions-file entry: it stays in reports but does not count toward the fail level.</summary>
        public Finding WithSuppression(FindingSuppression? suppression) => Copy(Severity, suppression, BaselineState);

        /// <summary>The finding as compared with a known-findings baseline.</summary>
        public Finding WithBaselineState(BaselineState? state) => Copy(Severity, Suppression, state);

        private Finding Copy(Severity severity, FindingSuppression? suppression, BaselineState? state) =>
            new Finding(Rule, severity, Message, Location, TenantScope) { Suppression = suppression, BaselineState = state, _fingerprint = _fingerprint };

        public RuleDescriptor Rule { get; }
        public string RuleId => Rule.Id;
        public Severity Severity { get; }
        public string Message { get; }

        /// <summary>Null for tenant-level findings that belong to no file (e.g. "no branding profile exported").</summary>
        public SourceLocation? Location { get; }

        /// <summary>For a finding with no location: the tenant scope (export folder) it is about; empty for the working folder.</summary>
        public string? Scope { get; }

        /// <summary>The tenant scope (export folder) the finding belongs to, located or not; null when the engine was not told.</summary>
        public string? TenantScope { get; }

        /// <summary>What the finding is about (resource and setting), as far as its location tells; null for file-level and tenant-level findings.</summary>
        public FindingSubject? Subject => Location?.Subject;

        /// <summary>The suppressions-file entry that accepts this finding; null when it is not suppressed.</summary>
        public FindingSuppression? Suppression { get; private set; }

        /// <summary>New or unchanged against the baseline given to the run; null when there is none.</summary>
        public BaselineState? BaselineState { get; private set; }

        /// <summary>True when the finding counts toward the fail level: neither suppressed nor known to the baseline.</summary>
        public bool Gates => Suppression == null && BaselineState != Model.BaselineState.Unchanged;

        private string? _fingerprint;

        /// <summary>Stable identity across runs and re-formatting (see <see cref="FindingFingerprint"/>).</summary>
        public string Fingerprint => _fingerprint ??= FindingFingerprint.Compute(this);

        /// <summary>
        /// The message as a channel without a place for the scope shows it: prefixed with the export folder when the
        /// finding has no location and is about one of several tenant exports (build diagnostics, CI annotations).
        /// </summary>
        public string MessageWithScope => Location == null && !string.IsNullOrEmpty(Scope) ? $"{Scope}: {Message}" : Message;

        public override string ToString() =>
            Location == null ? $"{(string.IsNullOrEmpty(Scope) ? "configlint" : Scope)}: {Severity.ToName()} {RuleId}: {Message}" : $"{Location}: {Severity.ToName()} {RuleId}: {Message}";

        /// <summary>
        /// Deterministic order within a file and within a completed tenant scope: file, line, column, rule ID; findings
        /// without a file last. A streaming run reports files in folder-walk order and each scope's tenant findings after
        /// the scope's last file.
        /// </summary>
        public static readonly IComparer<Finding> ReportOrder = Comparer<Finding>.Create((a, b) =>
        {
            if (a.Location == null || b.Location == null)
            {
                if (a.Location != null) return -1;
                if (b.Location != null) return 1;
                int scope = string.CompareOrdinal(a.Scope, b.Scope);
                if (scope != 0) return scope;
            }
            else
            {
                int c = string.CompareOrdinal(a.Location.Path, b.Location.Path);
                if (c != 0) return c;
                c = a.Location.Start.CompareTo(b.Location.Start);
                if (c != 0) return c;
            }
            int id = string.CompareOrdinal(a.RuleId, b.RuleId);
            return id != 0 ? id : string.CompareOrdinal(a.Message, b.Message);
        });
    }
}
