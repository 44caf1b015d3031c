namespace ConfigLint.Analyzers
{
    /// <summary>
    /// Which AdditionalFiles are Intune exports. A C# project may carry other additional files (stylecop.json,
    /// release-tracking markdown, a settings file); the rule is the CLI's, shared through the engine.
    /// </summary>
    internal static class ExportFiles
    {
        public static bool IsExport(string path) => ConfigLint.Core.Inputs.ExportFilter.IsExportFile(path);
    }
}
