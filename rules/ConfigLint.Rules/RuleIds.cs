namespace ConfigLint.Rules
{
    /// <summary>
    /// IDs of the rules written in C#. YAML rules carry their ID in their pack; every ID, from either source, is
    /// checked for uniqueness and range by the catalog meta-test. Next free IDs: rules/DiagnosticCategoryAndIdRanges.txt.
    /// </summary>
    public static class RuleIds
    {
        public const string NoBrandingProfileExported = "CL1009";
        public const string AuditLogsNotShipped = "CL1010";
        public const string AdminLoggingNotCheckable = "CL1011";
    }
}
