using System;

namespace ConfigLint.Core.Model
{
    /// <summary>
    /// Rule identifier conventions: the engine's own diagnostics and the ID form. Category ranges and help links belong
    /// to the rule pack (<c>rules/DiagnosticCategoryAndIdRanges.txt</c>).
    /// </summary>
    public static class RuleIdentifiers
    {
        // Input problems (CL0001-CL0099), raised by the engine itself.
        public const string InvalidJson = "CL0001";
        public const string EmptyFile = "CL0002";
        public const string UnreadableFile = "CL0003";
        public const string UnknownResourceType = "CL0004";
        public const string NotARegularFile = "CL0006";
        public const string SingleElementListAsObject = "CL0007";

        // Suppressions files and user rule packs (CL0020-CL0029, reserved in DiagnosticCategoryAndIdRanges.txt).
        public const string SuppressionExpired = "CL0020";
        public const string SuppressionUnused = "CL0021";
        public const string InvalidSuppressionFile = "CL0022";
        public const string RegexTimeout = "CL0023";

        // Internal failures (CL9001-CL9099).
        public const string InternalError = "CL9001";

        public static bool IsWellFormed(string? id) =>
            id != null && id.Length == 6 && id.StartsWith("CL", StringComparison.Ordinal)
            && char.IsDigit(id[2]) && char.IsDigit(id[3]) && char.IsDigit(id[4]) && char.IsDigit(id[5]);

        /// <summary>
        /// A rule ID from a user's own rule pack: an upper-case prefix other than <c>CL</c> (2 to 10 letters) and 1 to 6
        /// digits, e.g. <c>ACME001</c>. The <c>CL</c> prefix is ConfigLint's, so a custom rule can never shadow a built-in one.
        /// </summary>
        public static bool IsCustom(string? id)
        {
            if (id == null || id.StartsWith("CL", StringComparison.Ordinal)) return false;
            int letters = 0;
            while (letters < id.Length && id[letters] >= 'A' && id[letters] <= 'Z') letters++;
            int digits = id.Length - letters;
            if (letters < 2 || letters > 10 || digits < 1 || digits > 6) return false;
            for (int i = letters; i < id.Length; i++)
            {
                if (id[i] < '0' || id[i] > '9') return false;
            }
            return true;
        }
    }
}
