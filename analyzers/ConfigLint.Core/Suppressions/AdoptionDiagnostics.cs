using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Suppressions
{
    /// <summary>
    /// Diagnostics about the files a team adds to adopt ConfigLint (suppressions files, custom rule packs), reported in
    /// the CLI and the analyzer alike at the position in those files.
    /// </summary>
    public static class AdoptionDiagnostics
    {
        private const string Source = "ConfigLint adoption: accepted risks carry a justification, an owner and an expiry; every bad input gets a clear error";

        public static readonly RuleDescriptor SuppressionExpired = new RuleDescriptor(
            id: RuleIdentifiers.SuppressionExpired,
            name: "Input.SuppressionExpired",
            title: "A suppression has expired",
            messageFormat: "{0}",
            category: "Input",
            defaultSeverity: Severity.Warning,
            description: "The entry's expires date is past, so it no longer suppresses anything: review the accepted risk, then renew the date or remove the entry.",
            source: Source);

        public static readonly RuleDescriptor SuppressionUnused = new RuleDescriptor(
            id: RuleIdentifiers.SuppressionUnused,
            name: "Input.SuppressionUnused",
            title: "A suppression matches no finding",
            messageFormat: "{0}",
            category: "Input",
            defaultSeverity: Severity.Suggestion,
            description: "No finding of the run matched the entry: the risk was fixed, the resource renamed, or the target is mistyped. Remove or correct it.",
            source: Source);

        public static readonly RuleDescriptor InvalidSuppressionFile = new RuleDescriptor(
            id: RuleIdentifiers.InvalidSuppressionFile,
            name: "Input.InvalidSuppressionFile",
            title: "The suppressions file is malformed",
            messageFormat: "{0}",
            category: "Input",
            defaultSeverity: Severity.Error,
            description: "configlint.suppressions.yaml could not be read; none of its entries apply. The CLI exits with 2, the analyzer reports this error.",
            source: Source);

        public static readonly RuleDescriptor RegexTimeout = new RuleDescriptor(
            id: RuleIdentifiers.RegexTimeout,
            name: "Input.RuleRegexTimeout",
            title: "A rule's regular expression timed out",
            messageFormat: "{0}",
            category: "Input",
            defaultSeverity: Severity.Warning,
            description: "A 'matches' condition took longer than its time limit on a value, so the rule was not checked on that resource. Simplify the pattern (avoid nested quantifiers such as (a+)+).",
            source: Source);

        public static IReadOnlyList<RuleDescriptor> All { get; } = new[] { SuppressionExpired, SuppressionUnused, InvalidSuppressionFile, RegexTimeout };
    }
}
