using System;
using System.Collections.Generic;
using System.Linq;

namespace ConfigLint.Cli.Audit
{
    /// <summary>
    /// What the controls tables say about a rule's findings, kept as the findings go by instead of the findings
    /// themselves: per rule and outcome, how many, and the first few policy names (ordinal order). A 20× tenant's
    /// million findings cost a few hundred of these.
    /// </summary>
    public sealed class FindingSummary
    {
        /// <summary>Policies named per rule and outcome; one more is kept to know that the list goes on.</summary>
        public const int PoliciesShown = 3;

        private static readonly string[] OutcomeOrder = { "fail", "suppressed", "not checkable offline" };

        private readonly Dictionary<string, Dictionary<string, Group>> _byRule = new Dictionary<string, Dictionary<string, Group>>(StringComparer.Ordinal);

        public sealed class Group
        {
            internal Group(string ruleId, string outcome, string title)
            {
                RuleId = ruleId;
                Outcome = outcome;
                Title = title;
            }

            public string RuleId { get; }
            public string Outcome { get; }
            public string Title { get; }
            public int Count { get; internal set; }

            /// <summary>The smallest policy names, at most <see cref="PoliciesShown"/> + 1 (the extra one means "and more").</summary>
            public SortedSet<string> Policies { get; } = new SortedSet<string>(StringComparer.Ordinal);

            public bool MorePolicies => Policies.Count > PoliciesShown;
        }

        public static FindingSummary Of(IEnumerable<AuditFinding> findings)
        {
            var summary = new FindingSummary();
            foreach (var finding in findings) summary.Add(finding);
            return summary;
        }

        public void Add(AuditFinding finding)
        {
            if (!_byRule.TryGetValue(finding.RuleId, out var byOutcome)) _byRule[finding.RuleId] = byOutcome = new Dictionary<string, Group>(StringComparer.Ordinal);
            if (!byOutcome.TryGetValue(finding.Outcome, out var group)) byOutcome[finding.Outcome] = group = new Group(finding.RuleId, finding.Outcome, finding.Title);
            group.Count++;
            if (group.Policies.Count <= PoliciesShown || StringComparer.Ordinal.Compare(finding.Policy, group.Policies.Max) < 0)
            {
                group.Policies.Add(finding.Policy);
                if (group.Policies.Count > PoliciesShown + 1) group.Policies.Remove(group.Policies.Max!);
            }
        }

        /// <summary>The rule's groups: open findings first, then accepted, then not checkable.</summary>
        public IEnumerable<Group> For(string ruleId)
        {
            if (!_byRule.TryGetValue(ruleId, out var byOutcome)) return Array.Empty<Group>();
            return byOutcome.Values.OrderBy(g => Rank(g.Outcome)).ThenBy(g => g.Outcome, StringComparer.Ordinal);
        }

        private static int Rank(string outcome)
        {
            int i = Array.IndexOf(OutcomeOrder, outcome);
            return i < 0 ? OutcomeOrder.Length : i;
        }
    }
}
