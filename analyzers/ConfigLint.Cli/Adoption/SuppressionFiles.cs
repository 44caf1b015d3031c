using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Model;
using ConfigLint.Core.Suppressions;

namespace ConfigLint.Cli.Adoption
{
    /// <summary>
    /// The <c>configlint.suppressions.yaml</c> files of a run: found in the linted folders and above them before the
    /// first finding is written (a broken one stops the run with exit code 2), each governing the files under its
    /// folder, nearest first, as the analyzer applies those among its AdditionalFiles.
    /// </summary>
    public sealed class SuppressionFiles
    {
        private readonly Dictionary<string, SuppressionFile> _byFolder = new Dictionary<string, SuppressionFile>(StringComparer.Ordinal);
        private readonly string _baseDirectory;
        private readonly DateTime _today;
        private string? _lastDirectory;
        private IReadOnlyList<SuppressionFile> _lastApplicable = Array.Empty<SuppressionFile>();

        private SuppressionFiles(string baseDirectory, DateTime today)
        {
            _baseDirectory = baseDirectory;
            _today = today;
        }

        /// <summary>Problems that stop the run, each as <c>file(line,col): error CL0022: reason</c>.</summary>
        public List<string> Errors { get; } = new List<string>();

        public IEnumerable<SuppressionFile> Files => _byFolder.Values;

        public static SuppressionFiles Discover(IEnumerable<string> folders, string baseDirectory, DateTime today)
        {
            var files = new SuppressionFiles(baseDirectory, today);
            var visited = new HashSet<string>(StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                for (var dir = folder; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
                {
                    // Ancestors are shared: once a folder is seen, so are all above it.
                    if (!visited.Add(dir)) break;
                    files.Load(dir);
                }
            }
            return files;
        }

        private void Load(string directory)
        {
            var path = Path.Combine(directory, SuppressionFile.FileName);
            if (!File.Exists(path)) return;
            var display = InputCollector.DisplayPath(path, _baseDirectory);
            try
            {
                _byFolder[directory] = SuppressionFile.Parse(display, File.ReadAllText(path), directory);
            }
            catch (SuppressionFileException ex)
            {
                Errors.Add($"{ex.Path}({ex.Line},{ex.Column}): error {RuleIdentifiers.InvalidSuppressionFile}: {ex.Reason}");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Errors.Add($"{display}: error {RuleIdentifiers.InvalidSuppressionFile}: cannot read the suppressions file: {ex.Message}");
            }
        }

        /// <summary>The finding, suppressed when an entry of a file above it accepts it.</summary>
        public Finding Apply(Finding finding)
        {
            if (_byFolder.Count == 0) return finding;
            string? relative = finding.Location?.Path ?? finding.Scope;
            if (relative == null) return finding;
            string full = Path.GetFullPath(Path.Combine(_baseDirectory, relative.Length == 0 ? "." : relative));
            string directory = finding.Location != null ? Path.GetDirectoryName(full)! : full;
            return Suppressor.Apply(finding, full, Applicable(directory), _today);
        }

        /// <summary>A finding the configuration turned off: the entry that would suppress it is not unused (see <see cref="Suppressor.NoteDisabled"/>).</summary>
        public void NoteDisabled(Finding finding)
        {
            if (_byFolder.Count == 0) return;
            string? relative = finding.Location?.Path ?? finding.Scope;
            if (relative == null) return;
            string full = Path.GetFullPath(Path.Combine(_baseDirectory, relative.Length == 0 ? "." : relative));
            string directory = finding.Location != null ? Path.GetDirectoryName(full)! : full;
            Suppressor.NoteDisabled(finding, full, Applicable(directory), _today);
        }

        /// <summary>Expired and unused entries, once every finding was seen.</summary>
        public IEnumerable<Finding> Diagnostics(AdoptionDiagnostics descriptors) =>
            _byFolder.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.Diagnostics(_today, descriptors));

        private IReadOnlyList<SuppressionFile> Applicable(string directory)
        {
            if (string.Equals(directory, _lastDirectory, StringComparison.Ordinal)) return _lastApplicable;
            var result = new List<SuppressionFile>();
            for (var dir = directory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                if (_byFolder.TryGetValue(dir, out var file)) result.Add(file);
            }
            _lastDirectory = directory;
            _lastApplicable = result;
            return result;
        }
    }
}
