using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using ConfigLint.Configuration;
using ConfigLint.Configuration.Settings;
using ConfigLint.Core.Model;
using Microsoft.CodeAnalysis;

namespace ConfigLint.Cli
{
    /// <summary>
    /// The <c>.editorconfig</c> and <c>.globalconfig</c> files above the linted files, read with Roslyn's own
    /// <see cref="AnalyzerConfigSet"/> (so section matching, <c>root = true</c> and global-config precedence are the
    /// compiler's by construction) and applied to each finding as it is reported, as <c>dotnet build</c> applies them.
    /// The working folder plays the project folder: a <c>.globalconfig</c> below it applies to its own folder only.
    /// </summary>
    public sealed class ConfigFiles
    {
        private readonly string _baseDirectory;

        // Null when no config file applies, the usual case in a pipeline: then nothing of Roslyn is touched, and the
        // CLI does not load Microsoft.CodeAnalysis at all (a fifth of a small run's start-up).
        private readonly Layers? _layers;

        private ConfigFiles(string baseDirectory, Layers? layers, IReadOnlyList<Finding> problems)
        {
            _baseDirectory = baseDirectory;
            _layers = layers;
            Problems = problems;
        }

        /// <summary>A top-level key of the project-wide global configs, e.g. <c>configlint.help_base_uri</c>, as the analyzer reads it.</summary>
        public string? GlobalSetting(string key) => _layers?.GlobalSetting(key);

        /// <summary>Settings ConfigLint could not read (unknown rule, unknown key, bad value), as findings at their lines.</summary>
        public IReadOnlyList<Finding> Problems { get; }

        /// <summary>
        /// Loads every config file that can apply before the first finding is written (a walk over the folders above
        /// the inputs only, not the files).
        /// </summary>
        public static ConfigFiles Discover(IEnumerable<string> folders, string baseDirectory, Func<string, bool> isRule, TextWriter error)
        {
            var files = new List<(string Path, string Text)>();
            var visited = new HashSet<string>(StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                for (var dir = folder; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
                {
                    // Ancestors are shared: once a folder is seen, so are all above it.
                    if (!visited.Add(dir)) break;
                    foreach (var name in new[] { ".editorconfig", ".globalconfig" })
                    {
                        var path = Path.Combine(dir, name);
                        var text = Read(path, error);
                        if (text != null) files.Add((path, text));
                    }
                }
            }
            if (files.Count == 0) return new ConfigFiles(baseDirectory, null, Array.Empty<Finding>());

            var problems = files
                .SelectMany(f => AnalyzerConfigValidator.Validate(InputCollector.DisplayPath(f.Path, baseDirectory), f.Text, isRule))
                .Select(p => p.ToFinding())
                .OrderBy(f => f, Finding.ReportOrder)
                .ToList();
            return new ConfigFiles(baseDirectory, Layers.Create(files, baseDirectory, error), problems);
        }

        /// <summary>The finding with its configured severity, or null when it is configured off.</summary>
        public Finding? Apply(Finding finding, RunSettings settings)
        {
            if (_layers == null)
            {
                var bounded = settings.Apply(finding.Rule, finding.Severity);
                return bounded == Severity.None ? null : finding.WithSeverity(bounded);
            }
            return _layers.Apply(finding, settings, _baseDirectory);
        }

        /// <summary>The config files read with Roslyn, with the layers of the last file asked about.</summary>
        private sealed class Layers
        {
            private readonly AnalyzerConfigSet _set;
            private readonly ScopedGlobalConfigs _scoped;
            private readonly OptionLayer _projectGlobal;

            // A file's findings come together: the layers of the last file asked about are kept.
            private string? _lastPath;
            private IReadOnlyList<OptionLayer> _lastLayers = Array.Empty<OptionLayer>();

            private Layers(AnalyzerConfigSet set, ScopedGlobalConfigs scoped)
            {
                _set = set;
                _scoped = scoped;
                _projectGlobal = new OptionLayer(set.GlobalConfigOptions.AnalyzerOptions, set.GlobalConfigOptions.TreeOptions);
            }

            public static Layers Create(List<(string Path, string Text)> files, string baseDirectory, TextWriter error)
            {
                var project = files.Where(f => ScopedGlobalConfigs.IsProjectWide(f.Path, baseDirectory))
                    .Select(f => AnalyzerConfig.Parse(f.Text, f.Path)).ToImmutableArray();
                var set = AnalyzerConfigSet.Create(project, out var diagnostics);
                // What csc would print about the configs themselves (e.g. two global configs setting one key).
                foreach (var diagnostic in diagnostics) error.WriteLine($"configlint: warning: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
                return new Layers(set, ScopedGlobalConfigs.Create(files, baseDirectory));
            }

            // Not inlined into the callers: that would make the JIT load Roslyn for them even when no config file exists.
            [MethodImpl(MethodImplOptions.NoInlining)]
            public string? GlobalSetting(string key) =>
                _set.GlobalConfigOptions.AnalyzerOptions.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

            [MethodImpl(MethodImplOptions.NoInlining)]
            public Finding? Apply(Finding finding, RunSettings settings, string baseDirectory)
            {
                IReadOnlyList<OptionLayer> layers;
                if (finding.Location == null)
                {
                    // A tenant finding in no file: Roslyn gives it the global options only; scoped configs by its export folder.
                    var folder = string.IsNullOrEmpty(finding.Scope) ? baseDirectory : Path.GetFullPath(Path.Combine(baseDirectory, finding.Scope));
                    layers = _scoped.LayersFor(folder, isFolder: true, _projectGlobal);
                }
                else
                {
                    layers = LayersFor(Path.GetFullPath(Path.Combine(baseDirectory, finding.Location.Path)));
                }
                var severity = SeverityResolver.Resolve(finding.RuleId, finding.Severity, layers, applyProjectCompilerOptions: true, s => settings.Apply(finding.Rule, s));
                return severity == Severity.None ? null : finding.WithSeverity(severity);
            }

            private IReadOnlyList<OptionLayer> LayersFor(string fullPath)
            {
                if (string.Equals(fullPath, _lastPath, StringComparison.Ordinal)) return _lastLayers;
                var options = _set.GetOptionsForSourcePath(fullPath);
                var project = new OptionLayer(options.AnalyzerOptions, _projectGlobal.CompilerOptions);
                _lastPath = fullPath;
                _lastLayers = _scoped.LayersFor(fullPath, isFolder: false, project);
                return _lastLayers;
            }
        }

        private static string? Read(string path, TextWriter error)
        {
            if (!File.Exists(path)) return null;
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // The lint still runs with the defaults; say which file was not applied.
                error.WriteLine($"configlint: warning: cannot read {path}: {ex.Message}; its settings were not applied");
                return null;
            }
        }
    }
}
