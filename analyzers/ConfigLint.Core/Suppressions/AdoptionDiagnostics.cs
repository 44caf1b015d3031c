using System;
using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Suppressions
{
    /// <summary>
    /// The diagnostics of a suppressions file (CL0020-CL0022), reported in the CLI and the analyzer alike at the entry's
    /// position. Part of every pack's engine diagnostics, with the pack's help links.
    /// </summary>
    public sealed class AdoptionDiagnostics
    {
        private const string Source = "ConfigLint adoption: accepted risks carry a justification, an owner and an expiry; every bad input gets a clear error";

        /// <summary>Neutral descriptors (no help links), for code that runs without a pack.</summary>
        public static AdoptionDiagnostics Generic { get; } = new AdoptionDiagnostics(_ => string.Empty);

        public AdoptionDiagnostics(Func<string, string> helpUri)
        {
            SuppressionExpired = new RuleDescriptor(
                id: RuleIdentifiers.SuppressionExpired,
                name: "Input.SuppressionExpired",
                title: "A suppression has expired",
                messageFormat: "the suppression of {rule} for '{target}' (owner {owner}) expired on {expires}; the finding is reported again: review it, then renew the date or remove the entry",
                category: "Input",
                defaultSeverity: Severity.Warning,
                description: "The entry's expires date is past, so it no longer suppresses anything: review the accepted risk, then renew the date or remove the entry.",
                source: Source,
                helpUri: helpUri(RuleIdentifiers.SuppressionExpired));
            SuppressionUnused = new RuleDescriptor(
                id: RuleIdentifiers.SuppressionUnused,
                name: "Input.SuppressionUnused",
                title: "A suppression matches no finding",
                messageFormat: "the suppression of {rule} for '{target}'{setting} matched no finding; remove it or correct its target",
                category: "Input",
                defaultSeverity: Severity.Suggestion,
                description: "No finding of the run matched the entry: the risk was fixed, the resource renamed, or the target is mistyped. Remove or correct it.",
                source: Source,
                helpUri: helpUri(RuleIdentifiers.SuppressionUnused));
            InvalidSuppressionFile = new RuleDescriptor(
                id: RuleIdentifiers.InvalidSuppressionFile,
                name: "Input.InvalidSuppressionFile",
                title: "The suppressions file is malformed",
                messageFormat: "the suppressions file is malformed, so none of its entries apply: {reason}",
                category: "Input",
                defaultSeverity: Severity.Error,
                description: "configlint.suppressions.yaml could not be read; none of its entries apply. The CLI exits with 2, the analyzer reports this error.",
                source: Source,
                helpUri: helpUri(RuleIdentifiers.InvalidSuppressionFile));
        }

        public RuleDescriptor SuppressionExpired { get; }
        public RuleDescriptor SuppressionUnused { get; }
        public RuleDescriptor InvalidSuppressionFile { get; }

        public IReadOnlyList<RuleDescriptor> All => new[] { SuppressionExpired, SuppressionUnused, InvalidSuppressionFile };
    }
}
