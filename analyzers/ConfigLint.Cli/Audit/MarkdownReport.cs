using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ConfigLint.Cli.Audit
{
    /// <summary>
    /// report.md: the HTML report's content for a wiki page or a CI job summary. Export text is escaped for Markdown
    /// (and for the HTML that GitHub and Azure DevOps let through in it): a policy name cannot open a link, a table
    /// cell or a tag.
    /// </summary>
    public static class MarkdownReport
    {
        public static void Write(IReadOnlyList<AuditResult> results, TextWriter w)
        {
            w.Write(results.Count == 1 ? $"# Intune configuration audit: {M(results[0].Run.Tenant)}\n\n" : $"# Intune configuration audit: {results.Count} tenants\n\n");
            if (results.Count > 1)
            {
                w.Write("| Tenant | Audited (UTC) | Resources | Open findings | Accepted | Controls not met |\n|---|---|---|---|---|---|\n");
                foreach (var r in results) w.Write($"| {M(r.Run.Tenant)} | {M(r.Run.TimeUtc)} | {r.Counts.Resources} | {r.Counts.OpenFindings} | {r.Counts.SuppressedFindings} | {r.Controls.Count(c => c.Status == ControlStatus.NotMet)} |\n");
                w.Write("\n");
            }
            foreach (var r in results) Tenant(r, results.Count > 1, w);
        }

        private static void Tenant(AuditResult r, bool many, TextWriter w)
        {
            string h = many ? "###" : "##";
            if (many) w.Write($"## Tenant {M(r.Run.Tenant)}\n\n");
            w.Write($"- Audited (UTC): {M(r.Run.TimeUtc)}\n- ConfigLint {M(r.Run.ToolVersion)}, rule set {M(r.Run.RuleSetVersion)}\n- Git commit: {M(r.Run.Commit ?? "inputs are not in git")}\n- Inputs: {M(string.Join(", ", r.Run.Inputs))}\n");
            w.Write($"- {r.Counts.Resources} resources in {r.Counts.Files} files; {r.Counts.OpenFindings} open findings ({r.Counts.Errors} errors, {r.Counts.Warnings} warnings, {r.Counts.Suggestions} suggestions), {r.Counts.SuppressedFindings} accepted; {r.Counts.Pass} checks passed\n");
            if (r.Run.HistoryError != null) w.Write($"\n> **History not used:** {M(r.Run.HistoryError)}\n");
            w.Write("\n");

            Controls(r, $"{h} DPIA risks and recommendations", c => c.Kind == "risk" || c.Kind == "recommendation", w);
            Controls(r, $"{h} Security controls", c => c.Kind == "security" || c.Kind == "hygiene", w);

            w.Write($"{h} Changes since the previous audit\n\n");
            var c = r.Changes;
            if (c == null)
            {
                w.Write("This is the first audit of this tenant in the history file.\n\n");
            }
            else
            {
                w.Write($"Compared with audit #{c.PreviousRunId} of {M(c.PreviousTimeUtc)}: **{c.New.Count} new**, **{c.Fixed.Count} fixed**, {c.Accepted.Count} accepted as risks, {c.Unchanged} unchanged, {c.SeverityChanged.Count} changed in severity, {c.ExpiredSuppressions.Count} accepted risks expired since.\n\n");
                foreach (var (label, list) in new[] { ("New", c.New), ("Fixed", c.Fixed), ("Accepted as a risk", c.Accepted), ("Changed in severity", c.SeverityChanged) })
                {
                    if (list.Count > AuditBuilder.MaxListed) w.Write($"- {label}: {list.Count - AuditBuilder.MaxListed} more than listed here; every one is in results.json\n");
                    foreach (var f in list.Take(AuditBuilder.MaxListed)) w.Write($"- {label}: **{M(f.RuleId)}** ({M(f.PreviousSeverity != null ? f.PreviousSeverity + " → " + f.Severity : f.Severity)}) {M(f.Policy)}: {M(f.Message)}\n");
                }
                foreach (var s in c.ExpiredSuppressions) w.Write($"- Expired since the last run: {M(s.RuleId)} on {M(s.Target)} ({M(s.Expires)}, owner {M(s.Owner)})\n");
                w.Write("\n");
            }
            if (r.Trend.Count > 1)
            {
                w.Write("| Audit | Time (UTC) | Open | Accepted | Controls not met |\n|---|---|---|---|---|\n");
                foreach (var p in r.Trend) w.Write($"| #{p.RunId} | {M(p.TimeUtc)} | {p.Open} | {p.Suppressed} | {p.ControlsNotMet} |\n");
                w.Write("\n");
            }

            w.Write($"{h} Findings by policy\n\n");
            var listing = PolicyListing.Of(r);
            bool open = false;
            foreach (var (f, opensPolicy) in listing.Listed)
            {
                if (opensPolicy)
                {
                    if (open) w.Write("\n");
                    open = true;
                    w.Write($"{h}# {M(f.Policy)}\n\n");
                    if (f.File != null) w.Write($"{M(f.File)}\n\n");
                }
                string state = f.Outcome == "suppressed" ? "accepted" : f.Severity;
                w.Write($"- **{M(f.RuleId)}** ({M(state)}) {M(f.Message)}" + (f.Line != null ? $" (line {f.Line})" : string.Empty) + "\n");
                if (f.Snippet.Count > 0)
                {
                    int fence = 3 + f.Snippet.Max(l => LongestRun(l.Text, '`'));
                    string ticks = new string('`', fence);
                    w.Write($"\n  {ticks}json\n");
                    foreach (var line in f.Snippet) w.Write($"  {(line.Marked ? ">" : " ")}{line.Line,5}  {line.Text}\n");
                    w.Write($"  {ticks}\n\n");
                }
                w.Write($"  Fix: {M(f.Recommendation)}\n");
                if (f.Suppression != null) w.Write($"  Accepted by {M(f.Suppression.Owner)}: {M(f.Suppression.Justification)}{(f.Suppression.Expires != null ? ", until " + M(f.Suppression.Expires) : string.Empty)}\n");
            }
            if (open) w.Write("\n");
            if (listing.Total == 0) w.Write("No findings.\n\n");
            if (listing.IsCapped) w.Write($"> This report shows the first {listing.Listed.Count} of {listing.Total} findings (by policy). The complete list is in results.json, and every open finding is a row of action-plan.csv.\n\n");

            w.Write($"{h} Accepted risks\n\n");
            if (r.AcceptedRisks.Count == 0) w.Write("No risk is accepted: no suppressions are configured for this tenant.\n\n");
            else
            {
                w.Write("| Rule | Target | Justification | Owner | Expires | Findings covered |\n|---|---|---|---|---|---|\n");
                foreach (var s in r.AcceptedRisks) w.Write($"| {M(s.RuleId)} | {M(s.Target)} | {M(s.Justification)} | {M(s.Owner)} | {M(s.Expires ?? "never")}{(s.Expired ? " (expired: no longer accepted)" : string.Empty)} | {s.Matched} |\n");
                w.Write("\n");
            }
        }

        private static void Controls(AuditResult r, string heading, System.Func<ControlResult, bool> filter, TextWriter w)
        {
            w.Write($"{heading}\n\n| Ref. | Risk, recommendation or control | Status | Findings behind it |\n|---|---|---|---|\n");
            foreach (var control in r.Controls.Where(filter))
            {
                var behind = control.Rules.SelectMany(r.Summary.For).Select(g => $"{g.RuleId}: {g.Count} {g.Outcome}");
                string note = control.NotCheckable != null ? " (not checkable offline: " + control.NotCheckable + ")" : string.Empty;
                w.Write($"| {M(control.Id)} | {M(control.Title + note)} | **{M(control.Status)}** | {M(string.Join("; ", behind))} |\n");
            }
            w.Write("\n");
        }

        private static int LongestRun(string text, char c)
        {
            int best = 0, run = 0;
            foreach (char ch in text) { run = ch == c ? run + 1 : 0; if (run > best) best = run; }
            return best;
        }

        /// <summary>Escapes Markdown and inline HTML; a line break becomes a space (table cells are one line).</summary>
        public static string M(string? text)
        {
            var sb = new StringBuilder();
            foreach (char ch in text ?? string.Empty)
            {
                switch (ch)
                {
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '&': sb.Append("&amp;"); break;
                    case '\r': break;
                    case '\n': sb.Append(' '); break;
                    case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#': case '!': case '~':
                        sb.Append('\\').Append(ch); break;
                    default: sb.Append(ch); break;
                }
            }
            return sb.ToString();
        }
    }
}
