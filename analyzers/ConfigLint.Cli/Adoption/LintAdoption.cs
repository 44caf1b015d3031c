using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Inputs;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Adoption
{
    /// <summary>
    /// What a team adds to a lint run to adopt ConfigLint on a real tenant: custom rule packs (<c>--rules</c>), the
    /// suppressions files found with the inputs, and a known-findings baseline (<c>--baseline</c>).
    /// </summary>
    public sealed class LintAdoption
    {
        /// <summary>Rule pack files or folders (every .yaml/.yml in them), as given on the command line or in settings.</summary>
        public IReadOnlyList<string> RulePacks { get; set; } = Array.Empty<string>();

        /// <summary>The baseline file to compare with, or null.</summary>
        public string? BaselinePath { get; set; }

        /// <summary>The day expiry dates are compared with (UTC); tests pin it.</summary>
        public DateTime Today { get; set; } = DateTime.UtcNow.Date;

        /// <summary>The custom packs' texts by display path; null (after writing the reason) when one cannot be read.</summary>
        public IReadOnlyList<(string Name, string Text)>? ReadRulePacks(string baseDirectory, TextWriter error) =>
            ReadRulePacks(RulePacks, baseDirectory, baseDirectory, error, "configlint: error: ");

        /// <summary>
        /// The packs a settings file names (<c>packs:</c>), relative to its folder; null (after writing the reason, with
        /// the settings file's name) when one cannot be found or read.
        /// </summary>
        public static IReadOnlyList<(string Name, string Text)>? ReadSettingsPacks(Configuration.Settings.ConfigLintSettings settings, string root, TextWriter error) =>
            ReadRulePacks(settings.Packs, settings.Directory, root, error, $"{InputCollector.DisplayPath(settings.Path, root)}: error: ");

        /// <summary>The full paths of the pack files a settings file names (folders expanded), so that they are not linted as exports.</summary>
        public static IEnumerable<string> SettingsPackFiles(Configuration.Settings.ConfigLintSettings settings) =>
            settings.Packs.SelectMany(given =>
            {
                var path = Path.GetFullPath(Path.Combine(settings.Directory, given));
                return Directory.Exists(path) ? PackFilesIn(path) : new[] { path };
            });

        private static IReadOnlyList<string> PackFilesIn(string folder) =>
            Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal).ToList();

        private static IReadOnlyList<(string Name, string Text)>? ReadRulePacks(IEnumerable<string> given, string relativeTo, string displayBase, TextWriter error, string prefix)
        {
            var packs = new List<(string Name, string Text)>();
            foreach (var entry in given)
            {
                var path = Path.GetFullPath(Path.Combine(relativeTo, entry));
                IEnumerable<string> files;
                if (Directory.Exists(path))
                {
                    files = PackFilesIn(path);
                }
                else if (File.Exists(path))
                {
                    files = new[] { path };
                }
                else
                {
                    error.WriteLine($"{prefix}rule pack not found: {entry}");
                    return null;
                }
                foreach (var file in files)
                {
                    try
                    {
                        packs.Add((InputCollector.DisplayPath(file, displayBase), File.ReadAllText(file)));
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        error.WriteLine($"{prefix}cannot read rule pack {file}: {ex.Message}");
                        return null;
                    }
                }
            }
            return packs;
        }

        /// <summary>Loads the suppressions files and the baseline before the first finding is written; null (after writing why) when one is broken.</summary>
        /// <param name="root">The folder report paths are relative to: suppressions files match findings by those paths.</param>
        /// <param name="baseDirectory">The working folder, that <see cref="BaselinePath"/> is given from.</param>
        public AcceptedFindings? Prepare(IEnumerable<string> folders, string root, string baseDirectory, TextWriter error)
        {
            var suppressions = SuppressionFiles.Discover(folders, root, Today);
            foreach (var problem in suppressions.Errors) error.WriteLine(problem);
            KnownFindings? baseline = null;
            if (BaselinePath != null)
            {
                try
                {
                    baseline = KnownFindings.Load(Path.Combine(baseDirectory, BaselinePath), BaselinePath);
                }
                catch (BaselineFileException ex)
                {
                    error.WriteLine($"configlint: error: {ex.Message}");
                    return null;
                }
            }
            return suppressions.Errors.Count > 0 ? null : new AcceptedFindings(suppressions, baseline);
        }
    }

    /// <summary>Applies the run's suppressions, then its baseline, to each finding as it is reported.</summary>
    public sealed class AcceptedFindings
    {
        private readonly SuppressionFiles _suppressions;

        public AcceptedFindings(SuppressionFiles suppressions, KnownFindings? baseline)
        {
            _suppressions = suppressions;
            Baseline = baseline;
        }

        public KnownFindings? Baseline { get; }

        public Finding Apply(Finding finding)
        {
            var result = _suppressions.Apply(finding);
            return Baseline == null ? result : Baseline.Apply(result);
        }

        /// <summary>A finding the configuration turned off (severity none): it keeps a matching suppression from counting as unused.</summary>
        public void NoteDisabled(Finding finding) => _suppressions.NoteDisabled(finding);

        /// <summary>The suppressions files' own findings, once every finding of the run was seen.</summary>
        public IEnumerable<Finding> Diagnostics(Core.Suppressions.AdoptionDiagnostics descriptors) => _suppressions.Diagnostics(descriptors);
    }
}
