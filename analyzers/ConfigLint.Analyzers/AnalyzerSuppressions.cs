using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ConfigLint.Core.Model;
using ConfigLint.Core.Suppressions;
using Microsoft.CodeAnalysis;

namespace ConfigLint.Analyzers
{
    /// <summary>
    /// The <c>configlint.suppressions.yaml</c> files among a compilation's AdditionalFiles, each governing the files
    /// under its folder (nearest first), as the CLI applies those next to and above its inputs. A suppressed finding is
    /// still reported, with its justification and owner in the diagnostic's properties; <see cref="ConfigLintSuppressor"/>
    /// then suppresses it, so the build's SARIF keeps it (with <c>suppressions</c>) while the console and the error
    /// count do not.
    /// </summary>
    internal sealed class AnalyzerSuppressions
    {
        public const string SuppressedProperty = "ConfigLintSuppressed";
        public const string JustificationProperty = "ConfigLintJustification";
        public const string OwnerProperty = "ConfigLintOwner";
        public const string ExpiresProperty = "ConfigLintExpires";
        public const string EntryProperty = "ConfigLintSuppressionEntry";

        private readonly List<(SuppressionFile File, AdditionalText Text, int Length)> _files = new List<(SuppressionFile, AdditionalText, int)>();
        private readonly List<(Finding Problem, AdditionalText Text, int Length)> _problems = new List<(Finding, AdditionalText, int)>();
        private readonly DateTime _today;
        private readonly AdoptionDiagnostics _descriptors;

        private AnalyzerSuppressions(DateTime today, AdoptionDiagnostics descriptors)
        {
            _today = today;
            _descriptors = descriptors;
        }

        public bool IsEmpty => _files.Count == 0 && _problems.Count == 0;

        public static AnalyzerSuppressions Load(ImmutableArray<AdditionalText> additionalFiles, AdoptionDiagnostics descriptors, CancellationToken cancellation)
        {
            var result = new AnalyzerSuppressions(DateTime.UtcNow.Date, descriptors);
            foreach (var file in additionalFiles)
            {
                if (!SuppressionFile.IsSuppressionFile(file.Path)) continue;
                var text = file.GetText(cancellation);
                string content = text?.ToString() ?? string.Empty;
                try
                {
                    result._files.Add((SuppressionFile.Parse(file.Path, content), file, content.Length));
                }
                catch (SuppressionFileException ex)
                {
                    result._problems.Add((ex.ToFinding(descriptors), file, content.Length));
                }
            }
            // Nearest first: a deeper folder is a longer path.
            result._files.Sort((a, b) => b.File.Folder.Length.CompareTo(a.File.Folder.Length));
            return result;
        }

        /// <summary>The finding, suppressed when an entry of a file above <paramref name="fullPath"/> accepts it.</summary>
        public Finding Apply(Finding finding, string? fullPath)
        {
            if (_files.Count == 0 || fullPath == null) return finding;
            return Suppressor.Apply(finding, fullPath, _files.Select(f => f.File), _today);
        }

        /// <summary>A finding the configuration turned off: a matching entry is not unused, as in the CLI (<see cref="Suppressor.NoteDisabled"/>).</summary>
        public void NoteDisabled(Finding finding, string? fullPath)
        {
            if (_files.Count == 0 || fullPath == null) return;
            Suppressor.NoteDisabled(finding, fullPath, _files.Select(f => f.File), _today);
        }

        /// <summary>Broken files, expired and unused entries, with the file each is in; call once every finding was applied.</summary>
        public IEnumerable<(Finding Finding, AdditionalText Text, int Length)> Diagnostics()
        {
            foreach (var problem in _problems) yield return problem;
            foreach (var (file, text, length) in _files.OrderBy(f => f.File.Path, StringComparer.Ordinal))
            {
                foreach (var finding in file.Diagnostics(_today, _descriptors)) yield return (finding, text, length);
            }
        }

        /// <summary>The diagnostic properties that carry a suppression to the suppressor and into the build's SARIF.</summary>
        public static ImmutableDictionary<string, string?> WithSuppression(ImmutableDictionary<string, string?> properties, FindingSuppression suppression)
        {
            var result = properties
                .SetItem(SuppressedProperty, "true")
                .SetItem(JustificationProperty, suppression.Justification)
                .SetItem(OwnerProperty, suppression.Owner)
                .SetItem(EntryProperty, $"{suppression.File}({suppression.Line})");
            return suppression.Expires == null ? result : result.SetItem(ExpiresProperty, suppression.Expires);
        }
    }
}
