using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ConfigLint.Core.Model;

namespace ConfigLint.Tools
{
    /// <summary>
    /// The shape of a rule's page, rules/docs/CLxxxx.md: the title line, a property table and these sections in this
    /// order, each with prose. The generator writes it; CatalogTests checks every page against it.
    /// </summary>
    public static class RuleDoc
    {
        public static readonly IReadOnlyList<string> Headings = new[]
        {
            "## Synopsis", "## Why", "## How to fix", "## Non-compliant example", "## Compliant example", "## How to suppress", "## References",
        };

        public static string TitleLine(string id, string name) => $"# {id}: {name}";

        /// <summary>A new page: what the catalog knows is filled in, every section holds only a comment saying what goes there.</summary>
        public static string Skeleton(string id, string name, string category, Severity severity, string? title, string? source)
        {
            var sb = new StringBuilder();
            sb.Append(TitleLine(id, name)).Append("\n\n");
            sb.Append("| Property | Value |\n|---|---|\n");
            sb.Append($"| Title | {title ?? "<!-- the rule's title, as in its YAML entry -->"} |\n");
            sb.Append($"| Category | {category} |\n");
            sb.Append($"| Default severity | {severity.ToName()} |\n");
            sb.Append($"| Implements | {source ?? "<!-- the DPIA item, control or document, as in the rule's source -->"} |\n");
            sb.Append("| Forms detected | <!-- e.g. property on `windows10GeneralConfiguration`; Settings Catalog `device_vendor_msft_...` --> |\n");
            sb.Append('\n');
            var guidance = new Dictionary<string, string>
            {
                ["## Synopsis"] = "One or two sentences: which setting, which value, what happens.",
                ["## Why"] = "The risk, with its source (DPIA item, control); the Graph property or settingDefinitionId and where it is documented. Say what absence means (unknown, not false).",
                ["## How to fix"] = "The value to set, and where in the Intune admin center.",
                ["## Non-compliant example"] = "A short export in a ```json block that triggers the rule (the fail fixture, trimmed).",
                ["## Compliant example"] = "The same export fixed (the pass fixture, trimmed).",
                ["## References"] = "Links: Graph resource, CSP, DPIA section. Do not guess property names; cite where each comes from.",
            };
            foreach (var heading in Headings)
            {
                sb.Append(heading).Append("\n\n");
                if (heading == "## How to suppress")
                {
                    sb.Append($"Set `dotnet_diagnostic.{id}.severity = none` in a `.globalconfig`; the CLI and the build both read it.\n\n");
                    continue;
                }
                sb.Append("<!-- ").Append(guidance[heading]).Append(" -->\n\n");
                // FixEngineTests wants this line under How to fix; a new rule has no fix until one is written.
                if (heading == "## How to fix") sb.Append("**Automatic fix:** none.\n\n");
            }
            return sb.ToString().TrimEnd('\n') + "\n";
        }

        /// <summary>
        /// What is wrong with a page, in words for the author: a wrong title line, a missing or misplaced section, a
        /// section with no prose (a comment alone does not count, so an unfilled skeleton fails), a property table that
        /// disagrees with the catalog.
        /// </summary>
        public static IReadOnlyList<string> Problems(string text, string id, string name, string title, string category, Severity severity)
        {
            var problems = new List<string>();
            var lines = text.Replace("\r\n", "\n").Split('\n');
            if (lines[0] != TitleLine(id, name)) problems.Add($"first line is '{lines[0]}', expected '{TitleLine(id, name)}'");

            // Comments and the "Automatic fix" line (FixEngineTests checks it) are structure, not the author's prose.
            var prose = Regex.Replace(text.Replace("\r\n", "\n"), "<!--.*?-->", "", RegexOptions.Singleline);
            prose = Regex.Replace(prose, @"^\*\*Automatic fix:\*\*.*$", "", RegexOptions.Multiline);
            int previous = -1;
            foreach (var heading in Headings)
            {
                var at = Regex.Match(prose, "^" + Regex.Escape(heading) + "\\s*$", RegexOptions.Multiline);
                if (!at.Success) { problems.Add($"lacks '{heading}'"); continue; }
                if (at.Index < previous) problems.Add($"'{heading}' is out of order; the sections are {string.Join(", ", Headings.Select(h => h.Substring(3)))}");
                previous = at.Index;
                var next = Regex.Match(prose.Substring(at.Index + at.Length), "^#{1,2} ", RegexOptions.Multiline);
                var body = next.Success ? prose.Substring(at.Index + at.Length, next.Index) : prose.Substring(at.Index + at.Length);
                if (body.Trim().Length == 0) problems.Add($"'{heading}' has no text");
            }

            foreach (Match row in Regex.Matches(prose, @"^\| (?<property>[^|]+?) \|\s*(?<value>.*?)\s*\|\s*$", RegexOptions.Multiline))
            {
                if (row.Groups["value"].Value.Length == 0) problems.Add($"the property table's '{row.Groups["property"].Value}' row has no value");
            }

            void Row(string property, string expected)
            {
                var row = Regex.Match(prose, "^\\| " + Regex.Escape(property) + " \\| (?<value>.*?) \\|\\s*$", RegexOptions.Multiline);
                if (!row.Success) problems.Add($"the property table lacks '| {property} | {expected} |'");
                else if (row.Groups["value"].Value.Trim() != expected) problems.Add($"the property table says {property} '{row.Groups["value"].Value.Trim()}', the catalog '{expected}'");
            }
            Row("Title", title.Replace("|", "\\|"));
            Row("Category", category);
            Row("Default severity", severity.ToName());
            return problems;
        }
    }
}
