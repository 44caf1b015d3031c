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
        public static string RepoRoot
        {
            get
            {
                var dir = new DirectoryInfo(Output);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ConfigLint.sln"))) dir = dir.Parent;
                return dir?.FullName ?? throw new InvalidOperationException("ConfigLint.sln not found above " + Output);
            }
        }

        public static string TempDirectory()
        {
            var path = Path.Combine(Path.GetTempPath(), "configlint-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
