using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Adoption;
using ConfigLint.Core.Model;
using ConfigLint.Core.Suppressions;

namespace ConfigLint.Cli.Audit
{
    /// <summary>
    /// The audit's accepted risks from the <c>configlint.suppressions.yaml</c> files of its inputs, found and applied by
    /// the same <see cref="SuppressionFiles"/> as <c>lint</c> (next to and above the inputs, nearest first, live entries
    /// only), so an audit and a lint of the same export suppress the same findings and report the same expired and
    /// unused entries.
    /// </summary>
    public sealed class SuppressionFileSource : ISuppressionSource
    {
        private readonly SuppressionFiles _files;
        private readonly DateTime _today;
        private readonly Dictionary<(string File, int Line), AcceptedRisk> _byEntry = new Dictionary<(string, int), AcceptedRisk>();

        private SuppressionFileSource(SuppressionFiles files, DateTime today)
        {
            _files = files;
            _today = today;
            var entries = new List<AcceptedRisk>();
            foreach (var file in files.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                foreach (var entry in file.Entries)
                {
                    var risk = new AcceptedRisk
                    {
                        RuleId = entry.Rule,
                        Target = entry.Setting == null ? entry.Target : $"{entry.Target} (setting {entry.Setting})",
                        Justification = entry.Justification,
                        Owner = entry.Owner,
                        Expires = entry.ExpiresText,
                        Expired = entry.IsExpired(today),
                        File = file.Path,
                        Line = entry.Location.Start.Line,
                    };
                    _byEntry[(file.Path, entry.Location.Start.Line)] = risk;
                    entries.Add(risk);
                }
            }
            Entries = entries;
        }

        public IReadOnlyList<AcceptedRisk> Entries { get; }

        /// <summary>
        /// The suppressions files above <paramref name="folders"/>; paths are resolved from <paramref name="root"/>, the
        /// folder the audit's finding paths are relative to. Null, after writing each problem (<c>file(line,col): error
        /// CL0022: ...</c>) to <paramref name="error"/>, when a file is broken: as in <c>lint</c>, that stops the run.
        /// </summary>
        public static SuppressionFileSource? Discover(IEnumerable<string> folders, string root, DateTime today, TextWriter error)
        {
            var files = SuppressionFiles.Discover(folders, root, today.Date);
            foreach (var problem in files.Errors) error.WriteLine(problem);
            return files.Errors.Count > 0 ? null : new SuppressionFileSource(files, today.Date);
        }

        public AcceptedRisk? Match(Finding finding)
        {
            var suppression = _files.Apply(finding).Suppression;
            if (suppression == null) return null;
            return _byEntry.TryGetValue((suppression.File, suppression.Line), out var risk)
                ? risk
                : new AcceptedRisk { RuleId = finding.RuleId, Target = suppression.File, Justification = suppression.Justification, Owner = suppression.Owner, Expires = suppression.Expires, File = suppression.File, Line = suppression.Line };
        }

        public IEnumerable<Finding> Diagnostics(AdoptionDiagnostics descriptors) => _files.Diagnostics(descriptors);
    }
}
