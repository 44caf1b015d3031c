using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Reporting
{
    /// <summary>
    /// What code-scanning hosts read about a rule beyond its descriptor, computed once for both channels (the CLI's
    /// SARIF and the analyzer's descriptor tags), as documented in the README ("SARIF for code scanning").
    /// </summary>
    /// <remarks>
    /// <b>Tags</b>: <c>security</c> for the Security and Privacy categories (a DPIA privacy risk is a security finding
    /// for code scanning, which ranks only <c>security</c>-tagged results by <c>security-severity</c>), <c>privacy</c>
    /// for the Privacy category, <c>dpia</c> when the rule's source is the DPIA, then the pack's own tags.
    /// <b>security-severity</b> (GitHub: 9.0+ critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low) follows the
    /// default severity's promise: error 8.0 (high), warning 6.0 (medium), suggestion 3.0 (low), info 1.0 (low).
    /// <b>precision</b> follows the same promise of confidence: error <c>very-high</c> (no known false positives),
    /// warning <c>high</c> (very likely wrong), suggestion <c>medium</c> (opinionated), info <c>low</c> (a note, not a verdict).
    /// </remarks>
    public static class RuleMetadata
    {
        public const string SecurityTag = "security";
        public const string PrivacyTag = "privacy";
        public const string DpiaTag = "dpia";

        public static IReadOnlyList<string> Tags(RuleDescriptor rule)
        {
            var tags = new List<string>();
            bool privacy = string.Equals(rule.Category, "Privacy", StringComparison.OrdinalIgnoreCase);
            if (privacy || string.Equals(rule.Category, "Security", StringComparison.OrdinalIgnoreCase)) tags.Add(SecurityTag);
            if (privacy) tags.Add(PrivacyTag);
            if (rule.Source.IndexOf("DPIA", StringComparison.OrdinalIgnoreCase) >= 0) tags.Add(DpiaTag);
            foreach (var tag in rule.Tags)
            {
                if (!tags.Contains(tag, StringComparer.OrdinalIgnoreCase)) tags.Add(tag);
            }
            return tags;
        }

        public static bool IsSecurity(RuleDescriptor rule) => Tags(rule).Contains(SecurityTag);

        /// <summary>GitHub's <c>security-severity</c> as the string SARIF carries (invariant culture).</summary>
        public static string SecuritySeverity(Severity severity) => severity switch
        {
            Severity.Error => "8.0",
            Severity.Warning => "6.0",
            Severity.Suggestion => "3.0",
            _ => "1.0",
        };

        /// <summary>SARIF <c>precision</c>: very-high, high, medium or low.</summary>
        public static string Precision(Severity severity) => severity switch
        {
            Severity.Error => "very-high",
            Severity.Warning => "high",
            Severity.Suggestion => "medium",
            _ => "low",
        };

        /// <summary>
        /// A rule's help link from a configured base (MSBuild <c>ConfigLintHelpBaseUri</c>, settings key
        /// <c>configlint.help_base_uri</c>, CLI <c>--help-base-uri</c>): <c>base + ID + ".md"</c>; null without a base,
        /// since the project owns no public address its doc pages are served from.
        /// </summary>
        public static string? HelpUri(string? baseUri, string id)
        {
            if (string.IsNullOrWhiteSpace(baseUri)) return null;
            if (!Uri.TryCreate(baseUri!.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != "https" && parsed.Scheme != "http" && parsed.Scheme != "file")) return null;
            var text = parsed.AbsoluteUri;
            return (text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/") + id + ".md";
        }
    }
}
