using System.IO;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// The folder report paths are relative to, so a report is the same whichever folder the command starts from
    /// (GitHub resolves annotation and SARIF paths against the repository root): <c>--root DIR</c>; else the nearest
    /// folder at or above the working directory that holds <c>.git</c> (a folder, or a file in a worktree); else
    /// <c>GITHUB_WORKSPACE</c>, then <c>BUILD_SOURCESDIRECTORY</c> (Azure Pipelines); else the working directory.
    /// </summary>
    public static class RepositoryRoot
    {
        public static string Find(string? explicitRoot, string workingDirectory, OutputEnvironment environment)
        {
            if (!string.IsNullOrEmpty(explicitRoot)) return Normalize(Path.Combine(workingDirectory, explicitRoot!));
            for (var dir = new DirectoryInfo(Path.GetFullPath(workingDirectory)); dir != null; dir = dir.Parent)
            {
                var git = Path.Combine(dir.FullName, ".git");
                if (Directory.Exists(git) || File.Exists(git)) return Normalize(dir.FullName);
            }
            var ci = environment.Variable("GITHUB_WORKSPACE") ?? environment.Variable("BUILD_SOURCESDIRECTORY");
            return Normalize(ci != null && Directory.Exists(ci) ? ci : workingDirectory);
        }

        private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
    }
}
