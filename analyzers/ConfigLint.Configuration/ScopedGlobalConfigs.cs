using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ConfigLint.Configuration
{
    /// <summary>
    /// Global configs that apply only to the files under their own folder. Roslyn applies a global config to the
    /// whole compilation wherever it sits, so a <c>.globalconfig</c> inside one tenant's export would change every
    /// other tenant linted in the same run. ConfigLint's rule, in both channels: a global config at or above the
    /// project folder (the folder the CLI runs in) is project-wide and Roslyn's; one below it is scoped to its folder,
    /// read by ConfigLint, and the nearest one wins. The package's build targets pass the scoped ones to the analyzer
    /// as AdditionalFiles instead of compiler configs.
    /// </summary>
    public sealed class ScopedGlobalConfigs
    {
        private readonly List<(string Directory, AnalyzerConfigSet Set)> _layers;

        private ScopedGlobalConfigs(List<(string, AnalyzerConfigSet)> layers)
        {
            // Deepest folder first, so the nearest layer comes first.
            _layers = layers.OrderByDescending(l => l.Item1.Length).ToList();
        }

        public static readonly ScopedGlobalConfigs None = new ScopedGlobalConfigs(new List<(string, AnalyzerConfigSet)>());

        public bool IsEmpty => _layers.Count == 0;

        /// <summary>
        /// Whether a config file is the compiler's (every .editorconfig, which Roslyn already scopes to its folder, and
        /// global configs at or above the project folder) rather than a <c>.globalconfig</c> scoped by ConfigLint.
        /// </summary>
        public static bool IsProjectWide(string configPath, string projectDirectory)
        {
            if (!System.IO.Path.GetFileName(configPath).Equals(".globalconfig", StringComparison.OrdinalIgnoreCase)) return true;
            var directory = PathUtil.Directory(configPath);
            return !PathUtil.IsUnder(directory, projectDirectory);
        }

        /// <summary>The global configs among <paramref name="files"/> (full path, text) that are scoped to their folder.</summary>
        public static ScopedGlobalConfigs Create(IEnumerable<(string Path, string Text)> files, string projectDirectory)
        {
            var layers = new List<(string, AnalyzerConfigSet)>();
            foreach (var (path, text) in files)
            {
                if (IsProjectWide(path, projectDirectory)) continue;
                var config = AnalyzerConfig.Parse(text, path);
                layers.Add((PathUtil.Directory(path), AnalyzerConfigSet.Create(ImmutableArray.Create(config), out _)));
            }
            return layers.Count == 0 ? None : new ScopedGlobalConfigs(layers);
        }

        /// <summary>
        /// The layers for a file (full path), nearest first, followed by <paramref name="project"/>; for a tenant
        /// finding in no file, pass its export folder as <paramref name="fullPath"/> with <paramref name="isFolder"/>.
        /// </summary>
        public IReadOnlyList<OptionLayer> LayersFor(string? fullPath, bool isFolder, OptionLayer project)
        {
            if (_layers.Count == 0 || fullPath == null) return new[] { project };
            var result = new List<OptionLayer>();
            foreach (var (directory, set) in _layers)
            {
                if (!PathUtil.IsUnder(fullPath, directory) && !(isFolder && PathUtil.SameDirectory(fullPath, directory))) continue;
                result.Add(isFolder ? OptionLayer.From(set.GlobalConfigOptions) : ForFile(set, fullPath));
            }
            result.Add(project);
            return result;
        }

        /// <summary>
        /// A global config's keys for one file: its global section and the sections matching the file, as Roslyn
        /// would merge them; severities (<c>dotnet_diagnostic</c>) from the global section only, because the compiler
        /// applies section severities to syntax trees and never to additional files.
        /// </summary>
        private static OptionLayer ForFile(AnalyzerConfigSet set, string fullPath)
        {
            var global = set.GlobalConfigOptions;
            var analyzer = global.AnalyzerOptions.SetItems(set.GetOptionsForSourcePath(fullPath).AnalyzerOptions);
            return new OptionLayer(analyzer, global.TreeOptions);
        }
    }

    internal static class PathUtil
    {
        public static string Directory(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash <= 0 ? path.Substring(0, Math.Max(slash + 1, 0)) : path.Substring(0, slash);
        }

        private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');

        public static bool SameDirectory(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

        /// <summary>Whether <paramref name="path"/> is strictly below <paramref name="directory"/>.</summary>
        public static bool IsUnder(string path, string directory)
        {
            var p = Normalize(path);
            var d = Normalize(directory) + "/";
            return p.Length > d.Length && p.StartsWith(d, StringComparison.Ordinal);
        }
    }
}
