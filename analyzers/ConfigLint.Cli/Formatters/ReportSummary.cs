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

        /// <summary>The most severe finding that can fail the run (not suppressed, not known to the baseline), or <see cref="Severity.None"/>.</summary>
        public Severity Highest { get; private set; }

        /// <summary>Findings accepted by a suppressions-file entry (not counted above, never failing the run); null when none was.</summary>
        public int? Suppressed { get; private set; }

        /// <summary>Findings already known to the baseline (reported, never failing the run); null when the run has no baseline.</summary>
        public int? Baselined => Baseline?.Unchanged;

        /// <summary>Against a baseline (<c>lint --baseline</c>): findings not in it, in it, and in it but gone; null without one.</summary>
        public BaselineCounts? Baseline { get; set; }

        /// <summary>The adoption part of a summary line ("; 1 suppressed; baseline: 1 new, 6 unchanged, 0 fixed"), empty when neither applies.</summary>
        public string AdoptionText =>
            (Suppressed > 0 ? $"; {Suppressed} suppressed" : string.Empty)
            + (Baseline == null ? string.Empty : $"; baseline: {Baseline.New} new, {Baseline.Unchanged} unchanged, {Baseline.Absent.Count} fixed");

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
            if (finding.Suppression != null)
            {
                Suppressed = (Suppressed ?? 0) + 1;
                return;
            }
            if (Baseline != null && finding.BaselineState == BaselineState.New) Baseline.New++;
            if (Baseline != null && finding.BaselineState == BaselineState.Unchanged) Baseline.Unchanged++;
            switch (finding.Severity)
            {
                case Severity.Error: Errors++; break;
                case Severity.Warning: Warnings++; break;
                case Severity.Suggestion: Suggestions++; break;
                default: Notes++; break;
            }
            if (finding.Gates && finding.Severity > Highest) Highest = finding.Severity;
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

    /// <summary>A run compared with a known-findings baseline: counts, and the baseline's findings that are gone.</summary>
    public sealed class BaselineCounts
    {
        public int New { get; set; }
        public int Unchanged { get; set; }

        /// <summary>Baseline entries no finding of the run matched (fixed), for SARIF <c>baselineState: absent</c>.</summary>
        public IReadOnlyList<Adoption.BaselineEntry> Absent { get; set; } = Array.Empty<Adoption.BaselineEntry>();
    }
}
