using System;

namespace ConfigLint.Tools
{
    /// <summary>The README's rule table, between its markers, is `configlint rules --format markdown`.</summary>
    public static class ReadmeRuleTable
    {
        public const string Begin = "<!-- rules:begin -->\n";
        public const string End = "<!-- rules:end -->";

        /// <summary>The README text with the table between the markers replaced by <paramref name="table"/>.</summary>
        public static string Apply(string readme, string table)
        {
            readme = readme.Replace("\r\n", "\n");
            int begin = readme.IndexOf(Begin, StringComparison.Ordinal);
            int end = begin < 0 ? -1 : readme.IndexOf(End, begin, StringComparison.Ordinal);
            if (begin < 0 || end < 0) throw new ToolException($"README.md needs the '{Begin.TrimEnd()}' and '{End}' markers around the rule table");
            int start = begin + Begin.Length;
            return readme.Substring(0, start) + table + readme.Substring(end);
        }

        public static string Table() => ConfigLint.Cli.Commands.RulesCommand.MarkdownTable(BuiltInPackSource.SourcePack());
    }
}
