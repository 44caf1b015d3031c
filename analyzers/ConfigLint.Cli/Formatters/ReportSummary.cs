using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>The counts of a whole run, given to every format at the end of its report.</summary>
    public sealed class ReportSummary
    {
        private readonly Dictionary<string, int[]> _byRule = new Dictionary<string, int[]>(StringComparer.Ordinal);
        private readonly List<string> _scopes = new List<string>();

        public int Files { get; private set; }
        public int Resources { get; private set; }
        public int Errors { get; private set; }
        public int Warnings { get; private set; }
        public int Suggestions { get; private set; }
        public int Notes { get; private set; }

        public int Total => Errors + Warnings + Suggestions + Notes;

        /// <summary>The most severe finding reported, or <see cref="Severity.None"/>.</summary>
        public Severity Highest { get; private set; }

        /// <summary>Findings left out by a suppression (null when the run has no suppressions).</summary>
        public int? Suppressed { get; set; }

        /// <summary>Findings left out as already known by a baseline (null when the run has no baseline).</summary>
        public int? Baselined { get; set; }

        /// <summary>The exit code the run ends with (set before the reports end).</summary>
        public int ExitCode { get; set; }

        /// <summary>When the run ended (set before the reports end).</summary>
        public DateTimeOffset EndTime { get; set; } = DateTimeOffset.UtcNow;

        /// <summary>The tenant scopes (export folders, as report paths) the run covered, in walk order.</summary>
        public IReadOnlyList<string> Scopes => _scopes;

        public void CountFile(int resources, string? scope = null)
        {
            Files++;
            Resources += resources;
            if (scope != null && (_scopes.Count == 0 || _scopes[_scopes.Count - 1] != scope) && !_scopes.Contains(scope)) _scopes.Add(scope);
        }

        public void Count(Finding finding)
        {
            switch (finding.Severity)
            {
                case Severity.Error: Errors++; break;
                case Severity.Warning: Warnings++; break;
                case Severity.Suggestion: Suggestions++; break;
                default: Notes++; break;
            }
            if (finding.Severity > Highest) Highest = finding.Severity;
            if (!_byRule.TryGetValue(finding.RuleId, out var counts)) _byRule[finding.RuleId] = counts = new int[5];
            counts[(int)finding.Severity]++;
        }

        public int CountOf(Severity severity) => severity switch
        {
            Severity.Error => Errors,
            Severity.Warning => Warnings,
            Severity.Suggestion => Suggestions,
            Severity.Info => Notes,
            _ => 0,
        };

        /// <summary>Rules by number of findings, most first (ties by ID), with the most severe level each was reported at.</summary>
        public IReadOnlyList<(string RuleId, int Count, Severity Highest)> ByRule() =>
            _byRule.Select(p => (p.Key, p.Value.Sum(), (Severity)Array.FindLastIndex(p.Value, c => c > 0)))
                .OrderByDescending(r => r.Item2).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => (r.Key, r.Item2, r.Item3)).ToList();
    }
}
