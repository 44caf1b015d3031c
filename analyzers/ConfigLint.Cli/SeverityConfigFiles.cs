using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Config;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli
{
    /// <summary>
    /// Finds the <c>.editorconfig</c> and <c>.globalconfig</c> files above the linted files, as the Roslyn channel
    /// does, and applies their severities to each finding as it is reported, so the CLI and <c>dotnet build</c> agree.
    /// </summary>
    public sealed class SeverityConfigFiles
    {
        // Only the folders that hold a settings file are kept, so memory does not grow with the number of folders.
        private readonly Dictionary<string, EditorConfigFile> _editorConfigs = new Dictionary<string, EditorConfigFile>(StringComparer.Ordinal);
        private readonly TextWriter _error;
        private readonly string _baseDirectory;
        private SeverityConfiguration? _configuration;
        private IReadOnlyList<EditorConfigFile> _globals = Array.Empty<EditorConfigFile>();

        /// <summary>A top-level key of the global configs (nearest first), e.g. <c>configlint.help_base_uri</c>, as the analyzer reads it.</summary>
        public string? GlobalSetting(string key) =>
            _globals.Select(g => g.Preamble.TryGetValue(key, out var v) ? v : null).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        // A file's findings come together: the settings that apply to the last folder asked about are kept.
        private string? _lastDirectory;
        private IReadOnlyList<EditorConfigFile> _lastApplicable = Array.Empty<EditorConfigFile>();

        private SeverityConfigFiles(TextWriter error, string baseDirectory)
        {
            _error = error;
            _baseDirectory = baseDirectory;
        }

        /// <summary>
        /// Loads every settings file that can apply before the first finding is written: global settings apply to
        /// every file of the run, so they are all known up front (a walk over the folders only, not the files).
        /// </summary>
        public static SeverityConfigFiles Discover(IEnumerable<string> folders, string baseDirectory, TextWriter error)
        {
            var files = new SeverityConfigFiles(error, baseDirectory);
            var globals = new List<EditorConfigFile>();
            var visited = new HashSet<string>(StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                foreach (var dir in Ancestors(folder))
                {
                    // Ancestors are shared: once a folder is seen, so are all above it.
                    if (!visited.Add(dir)) break;
                    var global = files.Load(dir, ".globalconfig");
                    if (global != null && global.IsGlobal) globals.Add(global);
                    var editor = files.Load(dir, ".editorconfig");
                    if (editor == null) continue;
                    if (editor.IsGlobal) globals.Add(editor);
                    else files._editorConfigs[dir] = editor;
                }
            }
            // No settings file anywhere above the inputs: findings keep their default severities.
            if (globals.Count > 0 || files._editorConfigs.Count > 0) files._configuration = new SeverityConfiguration(globals);
            files._globals = globals;
            return files;
        }

        /// <summary>The finding with its configured severity, or null when it is configured off.</summary>
        public Finding? Apply(Finding finding)
        {
            if (_configuration == null) return finding;
            string? fullPath = finding.Location == null ? null : Path.GetFullPath(Path.Combine(_baseDirectory, finding.Location.Path));
            var editorConfigs = fullPath == null ? Array.Empty<EditorConfigFile>() : EditorConfigsFor(fullPath);
            var severity = _configuration.Resolve(finding.Rule, finding.Severity, fullPath, editorConfigs);
            return severity == Severity.None ? null : finding.WithSeverity(severity);
        }

        /// <summary>The non-global .editorconfig files that apply to a file, nearest first, up to one marked root.</summary>
        private IReadOnlyList<EditorConfigFile> EditorConfigsFor(string fullPath)
        {
            var directory = Path.GetDirectoryName(fullPath)!;
            if (string.Equals(directory, _lastDirectory, StringComparison.Ordinal)) return _lastApplicable;
            var result = new List<EditorConfigFile>();
            foreach (var dir in Ancestors(directory))
            {
                if (!_editorConfigs.TryGetValue(dir, out var config)) continue;
                result.Add(config);
                if (config.IsRoot) break;
            }
            _lastDirectory = directory;
            _lastApplicable = result;
            return result;
        }

        private static IEnumerable<string> Ancestors(string directory)
        {
            for (var dir = directory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir)) yield return dir;
        }

        private EditorConfigFile? Load(string directory, string name)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path)) return null;
            try
            {
                var config = EditorConfigFile.Parse(path, File.ReadAllText(path));
                foreach (var (line, message) in config.Problems) _error.WriteLine($"{path}({line},1): warning: {message}");
                return config;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // The lint still runs with the defaults; say which file was not applied.
                _error.WriteLine($"configlint: warning: cannot read {path}: {ex.Message}; its severities were not applied");
                return null;
            }
        }
    }
}
