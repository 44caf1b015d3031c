using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Audit
{
    /// <summary>Turns a finished run (the collector's counts and findings) into the <see cref="AuditResult"/> every report renders.</summary>
    public static class AuditBuilder
    {
        /// <summary>Findings beyond this many get no JSON excerpt: the report stays readable and memory stays flat on huge exports.</summary>
        public const int MaxSnippets = 1000;

        /// <summary>
        /// The HTML and Markdown reports list this many findings (and this many of each kind of change) per tenant, and
        /// then say how many more there are: a page of a million findings helps no reader and no browser. results.json
        /// and action-plan.csv always hold every finding.
        /// </summary>
        public const int MaxListed = 2000;

        /// <summary>The rule-to-controls index the findings are tagged with.</summary>
        public static Dictionary<string, List<string>> ControlsByRule(IReadOnlyList<Control> controls)
        {
            var controlsByRule = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var control in controls)
            {
                foreach (var rule in control.Rules)
                {
                    if (!controlsByRule.TryGetValue(rule, out var list)) controlsByRule[rule] = list = new List<string>();
                    list.Add(control.Id);
                }
            }
            return controlsByRule;
        }

        /// <summary>A finding as the reports show it; the controls list is shared by every finding of the rule.</summary>
        public static AuditFinding Convert(Finding finding, Outcome outcome, AcceptedRisk? suppression, Dictionary<string, List<string>> controlsByRule, string tenant, string baseDirectory)
        {
            var subject = finding.Subject;
            string? file = finding.Location == null ? null : Relative(finding.Location.Path, baseDirectory);
            return new AuditFinding
            {
                RuleId = finding.RuleId,
                Title = finding.Rule.Title,
                Severity = finding.Severity.ToName(),
                Outcome = outcome.ToName(),
                Message = finding.Message,
                Fingerprint = finding.Fingerprint,
                File = file,
                Line = finding.Location?.Start.Line,
                Column = finding.Location?.Start.Column,
                ResourceType = subject?.ResourceType,
                ResourceId = subject?.ResourceId,
                ResourceName = subject?.ResourceName,
                Policy = subject?.ResourceName ?? (file != null ? Path.GetFileNameWithoutExtension(file) : "(tenant: " + tenant + ")"),
                Controls = controlsByRule.TryGetValue(finding.RuleId, out var ids) ? ids : new List<string>(),
                Recommendation = Recommendation(finding),
                HelpUri = finding.Rule.HelpUri,
                Suppression = suppression,
            };
        }

        /// <summary>
        /// The run's result from the collector's counts and summary; its findings stream from <paramref name="spool"/>
        /// (read anew, in report order, by each report), with excerpts of the export for the first <see cref="MaxSnippets"/>.
        /// </summary>
        public static AuditResult Build(AuditRunInfo run, LintEngine engine, AuditCollector collector, IReadOnlyList<Control> controls, ISuppressionSource suppressions, FindingSpool spool, string baseDirectory)
        {
            var result = new AuditResult { Run = run };
            foreach (var rule in engine.Rules.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                var c = collector.ByRule[rule.Id];
                result.Rules.Add(new RuleResult
                {
                    Id = rule.Id, Title = rule.Title, DefaultSeverity = rule.DefaultSeverity.ToName(), HelpUri = rule.HelpUri,
                    Pass = c[(int)Outcome.Pass], Fail = c[(int)Outcome.Fail], Suppressed = c[(int)Outcome.Suppressed], NotCheckable = c[(int)Outcome.NotCheckable],
                    NotApplicable = c[(int)Outcome.NotApplicable] > 0,
                });
                result.Counts.Pass += c[(int)Outcome.Pass];
                result.Counts.Fail += c[(int)Outcome.Fail];
                result.Counts.Suppressed += c[(int)Outcome.Suppressed];
                result.Counts.NotApplicable += c[(int)Outcome.NotApplicable];
                result.Counts.NotCheckable += c[(int)Outcome.NotCheckable];
            }

            var rulesById = result.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
            foreach (var control in controls)
            {
                int pass = 0, fail = 0, suppressed = 0, notCheckable = 0;
                foreach (var id in control.Rules)
                {
                    if (!rulesById.TryGetValue(id, out var r)) continue;
                    pass += r.Pass; fail += r.Fail; suppressed += r.Suppressed; notCheckable += r.NotCheckable;
                }
                result.Controls.Add(new ControlResult
                {
                    Id = control.Id, Kind = control.Kind, Title = control.Title, NotCheckable = control.NotCheckable, Rules = control.Rules.ToList(),
                    Status = ControlStatus.Derive(pass, fail, suppressed, notCheckable, control.Rules.Count > 0),
                });
            }

            result.Summary = collector.Summary;
            result.FindingStream = () => spool.Read(baseDirectory, MaxSnippets);
            result.Counts.SuppressedFindings = collector.Accepted;
            foreach (var pair in collector.OpenBySeverity)
            {
                result.Counts.OpenFindings += pair.Value;
                if (pair.Key == "error") result.Counts.Errors += pair.Value;
                else if (pair.Key == "warning") result.Counts.Warnings += pair.Value;
                else result.Counts.Suggestions += pair.Value;
            }

            foreach (var entry in suppressions.Entries)
            {
                entry.Matched = collector.Matched.TryGetValue(entry, out int n) ? n : 0;
                result.AcceptedRisks.Add(entry);
            }
            result.Counts.Files = collector.Files;
            result.Counts.Resources = collector.Resources;
            return result;
        }

        /// <summary>Policy, then file and line, then rule: the order of the report's "findings by policy".</summary>
        public static int FindingOrder(AuditFinding a, AuditFinding b)
        {
            int c = string.CompareOrdinal(a.Policy, b.Policy);
            if (c == 0) c = string.CompareOrdinal(a.File, b.File);
            if (c == 0) c = Nullable.Compare(a.Line, b.Line);
            if (c == 0) c = Nullable.Compare(a.Column, b.Column);
            if (c == 0) c = string.CompareOrdinal(a.RuleId, b.RuleId);
            return c != 0 ? c : string.CompareOrdinal(a.Fingerprint, b.Fingerprint);
        }

        /// <summary>
        /// The fix, as the rule's message states it: every setting rule's message ends with "; set it to ..." or a like
        /// instruction after its last semicolon. Otherwise the rule's description, whose first sentence says what is wanted.
        /// </summary>
        private static string Recommendation(Finding finding)
        {
            int semicolon = finding.Message.LastIndexOf("; ", StringComparison.Ordinal);
            if (semicolon > 0) return finding.Message.Substring(semicolon + 2);
            return finding.Rule.Description;
        }

        /// <summary>The rule set's identity: the rule count and a hash of every rule's ID, severity and message template.</summary>
        public static string RuleSetVersion(LintEngine engine)
        {
            var text = new StringBuilder();
            foreach (var rule in engine.Rules.OrderBy(r => r.Id, StringComparer.Ordinal)) text.Append(rule.Id).Append('|').Append(rule.DefaultSeverity.ToName()).Append('|').Append(rule.MessageFormat).Append('\n');
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
            return $"{engine.Rules.Count} rules, {BitConverter.ToString(hash, 0, 6).Replace("-", string.Empty).ToLowerInvariant()}";
        }

        public static string Relative(string path, string baseDirectory)
        {
            string full = Path.GetFullPath(Path.Combine(baseDirectory, path));
            string rel = Path.GetRelativePath(baseDirectory, full);
            return (rel.StartsWith("..", StringComparison.Ordinal) ? full : rel).Replace('\\', '/');
        }
    }
}
