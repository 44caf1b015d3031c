using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ConfigLint.Cli.Formatters.Escaping;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// The Markdown summary of a run for a CI job page (GitHub's step summary, Azure's uploaded summary): counts by
    /// severity, a table of the errors and warnings with links, the top rules, and the suppressed and baseline counts
    /// when the run has them. Every string from an input goes through <see cref="MarkdownText"/>. The table keeps the
    /// first <see cref="MaxRows"/> errors and warnings (most severe first), so memory and the summary stay small
    /// (GitHub takes at most 1 MiB per step).
    /// </summary>
    public sealed class JobSummary
    {
        public const int MaxRows = 100;

        private readonly ReportHeader _header;
        private readonly Func<FindingOrigin, string?> _link;
        private readonly List<(Finding Finding, FindingOrigin Origin)> _errors = new List<(Finding, FindingOrigin)>();
        private readonly List<(Finding Finding, FindingOrigin Origin)> _warnings = new List<(Finding, FindingOrigin)>();

        /// <param name="link">The URL of a finding's file and line on the host, or null when the host cannot show it.</param>
        public JobSummary(ReportHeader header, Func<FindingOrigin, string?> link)
        {
            _header = header;
            _link = link;
        }

        public void Add(Finding finding, FindingOrigin origin)
        {
            if (finding.Severity == Severity.Error && _errors.Count < MaxRows) _errors.Add((finding, origin));
            else if (finding.Severity == Severity.Warning && _warnings.Count < MaxRows) _warnings.Add((finding, origin));
        }

        public string Render(ReportSummary s)
        {
            var sb = new StringBuilder();
            string verdict = s.ExitCode == 0 ? "passed" : s.ExitCode == 1 ? "failed" : "did not complete";
            string fail = _header.FailLevel == null ? "none" : _header.FailLevel.Value.ToName();
            sb.Append("## ConfigLint ").Append(verdict).Append('\n').Append('\n');
            sb.Append(Invariant($"{s.Files} file(s), {s.Resources} resource(s) checked; fail level: {fail}.\n\n"));
            sb.Append("| Severity | Findings |\n|---|---:|\n");
            sb.Append(Invariant($"| error | {s.Errors} |\n| warning | {s.Warnings} |\n| suggestion | {s.Suggestions} |\n| note | {s.Notes} |\n"));
            if (s.Suppressed != null) sb.Append(Invariant($"| suppressed | {s.Suppressed} |\n"));
            if (s.Baselined != null) sb.Append(Invariant($"| in baseline | {s.Baselined} |\n"));
            sb.Append('\n');

            var rows = _errors.Concat(_warnings).ToList();
            if (rows.Count > 0)
            {
                sb.Append("### Errors and warnings\n\n| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
                foreach (var (finding, origin) in rows)
                {
                    string where = MarkdownText.Escape(origin.UriPath) + Invariant($"({origin.Line},{origin.Column})");
                    string? url = _link(origin);
                    if (url != null) where = $"[{where}](<{url.Replace("<", "%3C").Replace(">", "%3E")}>)";
                    sb.Append(Invariant($"| {finding.Severity.ToName()} | {finding.RuleId} | {where} | {MarkdownText.Escape(origin.IsAnchored ? finding.MessageWithScope : finding.Message)} |\n"));
                }
                int more = s.Errors + s.Warnings - rows.Count;
                if (more > 0) sb.Append(Invariant($"\n{more} more error(s) and warning(s) are in the job log and the SARIF report.\n"));
                sb.Append('\n');
            }

            var top = s.ByRule().Take(10).ToList();
            if (top.Count > 0)
            {
                var rules = _header.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
                sb.Append("### Top rules\n\n| Rule | Name | Findings | Highest |\n|---|---|---:|---|\n");
                foreach (var (id, count, highest) in top)
                {
                    string name = rules.TryGetValue(id, out var rule) ? MarkdownText.Escape(rule.Name) : string.Empty;
                    sb.Append(Invariant($"| {id} | {name} | {count} | {highest.ToName()} |\n"));
                }
                sb.Append('\n');
            }
            return sb.ToString();
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
