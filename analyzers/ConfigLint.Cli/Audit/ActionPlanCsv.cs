using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ConfigLint.Cli.Audit
{
    /// <summary>
    /// action-plan.csv: one row per open finding, with empty owner, due date and status columns for the team to fill
    /// in (the shape of ScubaGear's ActionPlan.csv). RFC 4180 quoting; a cell that a spreadsheet would run as a formula
    /// (starting with = + - @, tab or carriage return) is prefixed with an apostrophe (OWASP "CSV injection").
    /// </summary>
    public static class ActionPlanCsv
    {
        public static readonly string[] Columns = { "Rule", "Title", "Severity", "Controls", "Tenant", "Policy", "Policy type", "Policy id", "File", "Line", "Finding", "Recommendation", "Fingerprint", "Owner", "Due date", "Status" };

        public static void Write(IEnumerable<AuditResult> results, TextWriter writer)
        {
            writer.Write(string.Join(",", Columns.Select(Cell)) + "\r\n");
            foreach (var result in results)
            {
                foreach (var f in result.AllFindings().Where(f => f.Outcome == "fail"))
                {
                    var cells = new[]
                    {
                        f.RuleId, f.Title, f.Severity, string.Join(" ", f.Controls), result.Run.Tenant, f.Policy, f.ResourceType, f.ResourceId, f.File,
                        f.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Message, f.Recommendation, f.Fingerprint, string.Empty, string.Empty, string.Empty,
                    };
                    writer.Write(string.Join(",", cells.Select(Cell)) + "\r\n");
                }
            }
        }

        public static string Cell(string? value)
        {
            string text = value ?? string.Empty;
            if (text.Length > 0 && "=+-@\t\r".IndexOf(text[0]) >= 0) text = "'" + text;
            return "\"" + text.Replace("\"", "\"\"") + "\"";
        }
    }
}
