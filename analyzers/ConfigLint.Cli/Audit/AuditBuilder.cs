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

        private const int SnippetContext = 2;

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

        public static AuditResult Build(AuditRunInfo run, LintEngine engine, AuditCollector collector, IReadOnlyList<Control> controls, ISuppressionSource suppressions, string baseDirectory)
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

            result.Findings = collector.Findings;
            foreach (var finding in result.Findings)
            {
                if (finding.Outcome == "suppressed") result.Counts.SuppressedFindings++;
                if (finding.Outcome != "fail") continue;
                result.Counts.OpenFindings++;
                if (finding.Severity == "error") result.Counts.Errors++;
                else if (finding.Severity == "warning") result.Counts.Warnings++;
                else result.Counts.Suggestions++;
            }
            result.Findings.Sort(FindingOrder);
            AddSnippets(result.Findings, baseDirectory);

            var used = collector.Findings.Where(f => f.Suppression != null).GroupBy(f => f.Suppression!).ToDictionary(g => g.Key, g => g.Count());
            foreach (var entry in suppressions.Entries)
            {
                entry.Matched = used.TryGetValue(entry, out int n) ? n : 0;
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

        /// <summary>Reads each file once and keeps a few numbered lines around each finding (the offending JSON).</summary>
        private static void AddSnippets(List<AuditFinding> findings, string baseDirectory)
        {
            foreach (var group in findings.Where(f => f.File != null && f.Line != null && f.Outcome != "not checkable offline").Take(MaxSnippets).GroupBy(f => f.File!))
            {
                string[] lines;
                try
                {
                    lines = File.ReadAllLines(Path.Combine(baseDirectory, group.Key));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    continue;
                }
                foreach (var finding in group)
                {
                    int line = finding.Line!.Value;
                    int from = Math.Max(1, line - SnippetContext), to = Math.Min(lines.Length, line + SnippetContext);
                    // Deeply nested Settings Catalog JSON: the common indentation is dropped so the lines fit the page.
                    int indent = int.MaxValue;
                    for (int i = from; i <= to; i++)
                    {
                        string text = lines[i - 1];
                        if (text.Trim().Length > 0) indent = Math.Min(indent, text.Length - text.TrimStart().Length);
                    }
                    if (indent == int.MaxValue) indent = 0;
                    for (int i = from; i <= to; i++)
                    {
                        string text = lines[i - 1].Length >= indent ? lines[i - 1].Substring(indent) : lines[i - 1].TrimStart();
                        if (text.Length > 200) text = text.Substring(0, 200) + " …";
                        finding.Snippet.Add(new SnippetLine { Line = i, Text = text, Marked = i == line });
                    }
                }
            }
        }

        /// <summary>
        /// Compares with the tenant's previous run as a multiset of fingerprints (two findings of one rule on one subject
        /// share one): open findings only; a suppressed or not-checkable finding is not open.
        /// </summary>
        public static AuditChanges Compare(HistoryRun previous, IReadOnlyList<HistoryFinding> before, IReadOnlyList<AuditFinding> after, IReadOnlyList<AcceptedRisk> previousSuppressions, DateTime now)
        {
            var changes = new AuditChanges { PreviousRunId = previous.Id, PreviousTimeUtc = previous.TimeUtc };
            var old = before.Where(f => f.Outcome == "fail").GroupBy(f => f.Fingerprint).ToDictionary(g => g.Key, g => new Queue<HistoryFinding>(g));
            foreach (var finding in after.Where(f => f.Outcome == "fail"))
            {
                if (old.TryGetValue(finding.Fingerprint, out var queue) && queue.Count > 0)
                {
                    var was = queue.Dequeue();
                    if (was.Severity != finding.Severity) changes.SeverityChanged.Add(Changed(finding, was.Severity));
                    else changes.Unchanged++;
                }
                else
                {
                    changes.New.Add(Changed(finding, null));
                }
            }
            foreach (var left in old.Values.SelectMany(q => q))
            {
                changes.Fixed.Add(new ChangedFinding { Fingerprint = left.Fingerprint, RuleId = left.RuleId, Severity = left.Severity, Policy = left.Policy, Message = left.Message, File = left.File, Line = left.Line });
            }
            string today = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            string then = previous.TimeUtc.Length >= 10 ? previous.TimeUtc.Substring(0, 10) : previous.TimeUtc;
            changes.ExpiredSuppressions.AddRange(previousSuppressions.Where(s => s.Expires != null && string.CompareOrdinal(s.Expires, then) >= 0 && string.CompareOrdinal(s.Expires, today) < 0));
            return changes;
        }

        private static ChangedFinding Changed(AuditFinding f, string? previousSeverity) => new ChangedFinding
        {
            Fingerprint = f.Fingerprint, RuleId = f.RuleId, Severity = f.Severity, PreviousSeverity = previousSeverity, Policy = f.Policy, Message = f.Message, File = f.File, Line = f.Line,
        };

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
