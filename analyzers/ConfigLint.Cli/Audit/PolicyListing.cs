using System.Collections.Generic;

namespace ConfigLint.Cli.Audit
{
    /// <summary>
    /// The findings the HTML and Markdown reports list under "Findings by policy": the first
    /// <see cref="AuditBuilder.MaxListed"/> in report order, each marked when it opens a new policy (or file) group, and
    /// the count of all of them, so that a capped report says how many it left out. Findings that are notes about what
    /// could not be checked are not listed.
    /// </summary>
    public sealed class PolicyListing
    {
        private PolicyListing(List<(AuditFinding Finding, bool OpensPolicy)> listed, int total)
        {
            Listed = listed;
            Total = total;
        }

        public IReadOnlyList<(AuditFinding Finding, bool OpensPolicy)> Listed { get; }

        public int Total { get; }

        public bool IsCapped => Total > Listed.Count;

        public static PolicyListing Of(AuditResult result)
        {
            var listed = new List<(AuditFinding, bool)>();
            int total = 0;
            (string Policy, string? File)? group = null;
            // Counted to the end, listed up to the cap: the findings stream from the audit's spool, one at a time.
            foreach (var f in result.AllFindings())
            {
                if (f.Outcome == "not checkable offline") continue;
                total++;
                if (listed.Count >= AuditBuilder.MaxListed) continue;
                bool opens = group == null || group.Value.Policy != f.Policy || group.Value.File != f.File;
                if (opens) group = (f.Policy, f.File);
                listed.Add((f, opens));
            }
            return new PolicyListing(listed, total);
        }
    }
}
