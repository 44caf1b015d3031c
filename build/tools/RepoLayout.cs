using System;
using System.IO;

namespace ConfigLint.Tools
{
    /// <summary>The files the bookkeeping is about, found from a folder of this checkout.</summary>
    public sealed class RepoLayout
    {
        public RepoLayout(string root)
        {
            Root = root;
        }

        public string Root { get; }

        public string Readme => Path.Combine(Root, "README.md");
        public string RangesFile => Path.Combine(Root, "rules", "DiagnosticCategoryAndIdRanges.txt");
        public string ShippedFile => Path.Combine(Root, "rules", "AnalyzerReleases.Shipped.md");
        public string UnshippedFile => Path.Combine(Root, "rules", "AnalyzerReleases.Unshipped.md");
        public string DocsFolder => Path.Combine(Root, "rules", "docs");
        public string FixturesFolder => Path.Combine(Root, "tests", "ConfigLint.Tests", "Fixtures");

        public string DocPage(string id) => Path.Combine(DocsFolder, id + ".md");

        /// <summary>The checkout that holds <paramref name="start"/> (the folder with ConfigLint.sln), or null.</summary>
        public static RepoLayout? FindFrom(string? start)
        {
            var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ConfigLint.sln"))) dir = dir.Parent;
            return dir == null ? null : new RepoLayout(dir.FullName);
        }

        /// <summary>The working folder's checkout first (`dotnet run --project` keeps the caller's folder), then the tool's own.</summary>
        public static RepoLayout Find() =>
            FindFrom(Directory.GetCurrentDirectory()) ?? FindFrom(AppContext.BaseDirectory)
            ?? throw new ToolException($"no ConfigLint.sln above {Directory.GetCurrentDirectory()}; run the tool inside a ConfigLint checkout");

        /// <summary>Writes text with LF line ends and no BOM, as the repository keeps its files.</summary>
        public static void Write(string path, string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text.Replace("\r\n", "\n"), new System.Text.UTF8Encoding(false));
        }

        public static string Read(string path) => File.ReadAllText(path).Replace("\r\n", "\n");
    }

    /// <summary>A problem the user can fix (bad arguments, a file that is not as expected); printed without a stack trace.</summary>
    public sealed class ToolException : Exception
    {
        public ToolException(string message) : base(message)
        {
        }
    }
}
