using System;
using System.Collections.Generic;

namespace ConfigLint.Cli.Audit
{
    /// <summary>What a rule concluded about one resource (or, for tenant rules and unused rules, about the tenant).</summary>
    public enum Outcome
    {
        Pass,
        Fail,
        Suppressed,
        NotApplicable,
        NotCheckable,
    }

    public static class OutcomeNames
    {
        public static string ToName(this Outcome outcome) => outcome switch
        {
            Outcome.Pass => "pass",
            Outcome.Fail => "fail",
            Outcome.Suppressed => "suppressed",
            Outcome.NotApplicable => "not applicable",
            _ => "not checkable offline",
        };

        /// <summary>
        /// The engine's convention: a rule that cannot judge from the files reports an info finding whose message starts
        /// with these words (e.g. CL1009, CL1011, CL1026, CL0005), so it is a gap in the evidence, not a failure.
        /// </summary>
        public const string NotCheckablePrefix = "not checkable offline";

        public static bool IsNotCheckable(string message) => message.StartsWith(NotCheckablePrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The status of a control, from the outcomes of its rules; see <see cref="ControlStatus.Derive"/>.</summary>
    public static class ControlStatus
    {
        public const string NotMet = "not met";
        public const string AcceptedRisk = "accepted risk";
        public const string NotCheckable = "not checkable offline";
        public const string Met = "met";
        public const string NotApplicable = "not applicable";

        /// <summary>
        /// The first that holds: any rule failed on a resource, <b>not met</b>; any finding suppressed with a justification,
        /// <b>accepted risk</b>; any rule could not judge from the files, or the control has no rule at all,
        /// <b>not checkable offline</b>; any rule passed on a resource, <b>met</b>; else <b>not applicable</b> (nothing
        /// in the export is what its rules look at). A control with a <c>notCheckable</c> note and passing rules is
        /// <b>met</b> for what the files show; the report prints the note beside it.
        /// </summary>
        public static string Derive(int pass, int fail, int suppressed, int notCheckable, bool hasRules)
        {
            if (fail > 0) return NotMet;
            if (suppressed > 0) return AcceptedRisk;
            if (notCheckable > 0 || !hasRules) return NotCheckable;
            if (pass > 0) return Met;
            return NotApplicable;
        }

        /// <summary>Sort order for tables: the statuses that need attention first.</summary>
        public static int Rank(string status) => Array.IndexOf(Order, status);

        private static readonly string[] Order = { NotMet, AcceptedRisk, NotCheckable, Met, NotApplicable };
    }

    /// <summary>
    /// Suppressions as the audit needs them: whether a finding is accepted, and the accepted risks to list. The audit
    /// reads <c>configlint.suppressions.yaml</c> through <see cref="SuppressionFileSource"/>, as <c>lint</c> does.
    /// </summary>
    public interface ISuppressionSource
    {
        /// <summary>The accepted risk that covers this finding, or null. Asked once per finding (a file counts uses).</summary>
        AcceptedRisk? Match(ConfigLint.Core.Model.Finding finding);

        /// <summary>Every entry, used or not, expired or not, for the report's "accepted risks" section.</summary>
        IReadOnlyList<AcceptedRisk> Entries { get; }

        /// <summary>The source's own findings once every finding was matched: expired and unused entries.</summary>
        IEnumerable<ConfigLint.Core.Model.Finding> Diagnostics(ConfigLint.Core.Suppressions.AdoptionDiagnostics descriptors) => Array.Empty<ConfigLint.Core.Model.Finding>();
    }
}
