using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Configuration;
using ConfigLint.Configuration.Settings;

namespace ConfigLint.Cli
{
    /// <summary>
    /// Finds and reads <c>configlint.yaml</c> for a CLI run: <c>--settings FILE</c>, else the nearest one at or above
    /// the first input; every one in or above the linted folders may mark its folder as a tenant (<c>tenant:</c>).
    /// </summary>
    public static class SettingsFiles
    {
        /// <summary>The run's settings, or null when a settings file is broken (the problems are then filled in).</summary>
        public static RunSettings? Load(string? explicitPath, IReadOnlyList<string> inputs, IEnumerable<string> folders, string baseDirectory, TextWriter error, out List<ConfigProblem> problems)
        {
            problems = new List<ConfigProblem>();
            var folderList = folders.ToList();
            ConfigLintSettings? main = null;
            string? mainPath = explicitPath != null ? Path.GetFullPath(Path.Combine(baseDirectory, explicitPath)) : Nearest(inputs);
            if (explicitPath != null && !File.Exists(mainPath))
            {
                error.WriteLine($"configlint: error: settings file not found: {explicitPath}");
                return null;
            }
            if (mainPath != null) main = Read(mainPath, baseDirectory, problems);

            var markers = new List<ConfigLintSettings>();
            var seen = new HashSet<string>(StringComparer.Ordinal) { mainPath ?? string.Empty };
            foreach (var folder in folderList.Concat(inputs.Select(DirectoryOf)).SelectMany(Ancestors).Distinct(StringComparer.Ordinal))
            {
                var path = Path.Combine(folder, ConfigLintSettings.FileName);
                if (!seen.Add(path) || !File.Exists(path)) continue;
                var marker = Read(path, baseDirectory, problems);
                if (marker != null) markers.Add(marker);
            }
            if (problems.Count > 0) return null;
            if (explicitPath == null && mainPath != null)
            {
                foreach (var other in inputs.Skip(1).Select(i => Nearest(new[] { i })).Where(p => p != null && p != mainPath).Distinct())
                {
                    error.WriteLine($"configlint: warning: {InputCollector.DisplayPath(other!, baseDirectory)} applies to other inputs, but one settings file applies per run: {InputCollector.DisplayPath(mainPath, baseDirectory)} (give --settings to choose)");
                }
            }
            return RunSettings.Create(main, markers, folderList);
        }

        private static ConfigLintSettings? Read(string path, string baseDirectory, List<ConfigProblem> problems)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var location = new Core.Text.SourceLocation(InputCollector.DisplayPath(path, baseDirectory), new Core.Text.LinePosition(1, 1), new Core.Text.LinePosition(1, 1), 0, 0);
                problems.Add(new ConfigProblem(ConfigurationDiagnostics.InvalidSettingsFile, location, $"cannot read the settings file: {ex.Message}"));
                return null;
            }
            var settings = SettingsLoader.Load(path, InputCollector.DisplayPath(path, baseDirectory), text, out var found);
            problems.AddRange(found);
            return found.Count == 0 ? settings : null;
        }

        private static string? Nearest(IEnumerable<string> inputs)
        {
            var first = inputs.FirstOrDefault();
            if (first == null) return null;
            foreach (var dir in Ancestors(DirectoryOf(first)))
            {
                var path = Path.Combine(dir, ConfigLintSettings.FileName);
                if (File.Exists(path)) return path;
            }
            return null;
        }

        private static string DirectoryOf(string input)
        {
            var full = Path.GetFullPath(input);
            return Directory.Exists(full) ? full.TrimEnd(Path.DirectorySeparatorChar) : Path.GetDirectoryName(full) ?? full;
        }

        private static IEnumerable<string> Ancestors(string directory)
        {
            for (var dir = directory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir)) yield return dir;
        }
    }
}
