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

        // Internal failures (CL9001-CL9099).
        public const string InternalError = "CL9001";

        public static bool IsWellFormed(string? id) =>
            id != null && id.Length == 6 && id.StartsWith("CL", StringComparison.Ordinal)
            && char.IsDigit(id[2]) && char.IsDigit(id[3]) && char.IsDigit(id[4]) && char.IsDigit(id[5]);
    }
}
