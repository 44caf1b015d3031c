using System;
using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules
{
    /// <summary>
    /// The pack's rule-ID conventions: the category that owns each ID range (<c>rules/DiagnosticCategoryAndIdRanges.txt</c>)
    /// and the single place where help links are computed.
    /// </summary>
    public static class PackIdentifiers
    {
        public const string HelpBaseUri = "https://github.com/configlint/configlint/blob/main/rules/docs/";

        public static string GetHelpUri(string id) => HelpBaseUri + id + ".md";

        /// <summary>The category that owns each ID range; a meta-test checks every rule against it.</summary>
        public static readonly IReadOnlyList<(int From, int To, string Category)> Ranges = new[]
        {
            (1, 99, "Input"),
            (1001, 1999, "Privacy"),
            (2001, 2999, "Security"),
            (3001, 3999, "Hygiene"),
            (9001, 9099, "Internal"),
        };

        public static string? CategoryOf(string id)
        {
            if (!RuleIdentifiers.IsWellFormed(id)) return null;
            int n = int.Parse(id.Substring(2));
            foreach (var (from, to, category) in Ranges)
            {
                if (n >= from && n <= to) return category;
            }
            return null;
        }
    }
}
