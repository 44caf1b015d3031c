namespace ConfigLint.Cli
{
    /// <summary>The process exit codes, as documented in the README.</summary>
    public static class ExitCodes
    {
        /// <summary>Nothing at or above the fail level.</summary>
        public const int Success = 0;

        /// <summary>At least one finding at or above the fail level.</summary>
        public const int Findings = 1;

        /// <summary>Bad arguments, a path that does not exist, or no input files found.</summary>
        public const int UsageError = 2;

        /// <summary>ConfigLint itself failed; please report it.</summary>
        public const int InternalError = 3;
    }
}
