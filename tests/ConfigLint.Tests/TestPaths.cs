using System;
using System.IO;

namespace ConfigLint.Tests
{
    /// <summary>Locations the tests need, found from the test assembly (never from ../shared).</summary>
    public static class TestPaths
    {
        public static string Output => AppContext.BaseDirectory;

        public static string Fixtures => Path.Combine(Output, "Fixtures");

        /// <summary>The repository root, found by walking up to ConfigLint.sln.</summary>
        public static string RepoRoot =>
            FindRoot(Output) ?? FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(Environment.GetEnvironmentVariable("CONFIGLINT_REPO_ROOT"))
            ?? throw new InvalidOperationException($"ConfigLint.sln not found above {Output} or the working directory; set CONFIGLINT_REPO_ROOT");

        // Tests may run from an --artifacts-path outside the repository, so the working directory is tried too.
        private static string? FindRoot(string? start)
        {
            var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ConfigLint.sln"))) dir = dir.Parent;
            return dir?.FullName;
        }

        public static string TempDirectory()
        {
            var path = Path.Combine(Path.GetTempPath(), "configlint-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
