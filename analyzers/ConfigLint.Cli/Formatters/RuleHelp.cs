using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// A rule's doc page (<c>rules/docs/CLxxxx.md</c>), embedded in the tool so every installed copy has it
    /// (<c>configlint rules --explain CLxxxx</c> prints it), and the parts SARIF carries: <c>help.markdown</c> (the page),
    /// <c>help.text</c> (the page without Markdown markup) and <c>fullDescription</c> (the Synopsis and the first
    /// paragraph of "Why").
    /// </summary>
    public sealed class RuleHelp
    {
        private static readonly ConcurrentDictionary<string, string?> Pages = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        private static readonly Regex Link = new Regex(@"\[([^\]]*)\]\(([^)\s]*)\)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        private RuleHelp(string markdown, string? helpBaseUri)
        {
            Markdown = RewriteLinks(markdown, helpBaseUri);
            Text = PlainText(Markdown);
            FullDescription = Describe(markdown);
        }

        public string Markdown { get; }
        public string Text { get; }

        /// <summary>The Synopsis and the first paragraph of "Why", as plain text.</summary>
        public string FullDescription { get; }

        /// <summary>The rule's doc page as shipped, or null when the tool has none for this ID.</summary>
        public static string? Page(string id) => Pages.GetOrAdd(id, Load);

        /// <summary>The help of a rule, with links between doc pages made absolute under the help base (or plain text without one).</summary>
        public static RuleHelp? For(string id, string? helpBaseUri)
        {
            var page = Page(id);
            return page == null ? null : new RuleHelp(page, helpBaseUri);
        }

        private static string? Load(string id)
        {
            using var stream = typeof(RuleHelp).Assembly.GetManifestResourceStream("ConfigLint.Docs." + id + ".md");
            if (stream == null) return null;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd().Replace("\r\n", "\n");
        }

        /// <summary>Relative links (<c>[CL1002](CL1002.md)</c>) resolve under the help base, or become their text: they would not resolve on the host.</summary>
        private static string RewriteLinks(string markdown, string? helpBaseUri) =>
            Link.Replace(markdown, m =>
            {
                string target = m.Groups[2].Value;
                if (Uri.TryCreate(target, UriKind.Absolute, out _)) return m.Value;
                if (helpBaseUri != null && !target.StartsWith("#", StringComparison.Ordinal) && !target.StartsWith("..", StringComparison.Ordinal))
                {
                    return $"[{m.Groups[1].Value}]({helpBaseUri.TrimEnd('/')}/{target})";
                }
                return m.Groups[1].Value;
            });

        private static string PlainText(string markdown)
        {
            var text = Link.Replace(markdown, m => Uri.TryCreate(m.Groups[2].Value, UriKind.Absolute, out _) ? $"{m.Groups[1].Value} ({m.Groups[2].Value})" : m.Groups[1].Value);
            var sb = new StringBuilder(text.Length);
            foreach (var raw in text.Split('\n'))
            {
                var line = raw;
                if (line.StartsWith("```", StringComparison.Ordinal)) continue;
                line = line.TrimStart('#').TrimStart();
                line = line.Replace("**", string.Empty).Replace("`", string.Empty);
                sb.Append(line).Append('\n');
            }
            return sb.ToString().Trim() + "\n";
        }

        private static string Describe(string markdown)
        {
            string synopsis = Paragraph(markdown, "## Synopsis");
            string why = Paragraph(markdown, "## Why");
            string joined = string.IsNullOrEmpty(why) ? synopsis : synopsis + " " + why;
            return PlainText(joined).Trim();
        }

        private static string Paragraph(string markdown, string heading)
        {
            int at = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
            if (at < 0) return string.Empty;
            var lines = markdown.Substring(at + heading.Length + 1).Split('\n');
            var sb = new StringBuilder();
            foreach (var line in lines)
            {
                if (line.Trim().Length == 0)
                {
                    if (sb.Length > 0) break;
                    continue;
                }
                if (line.StartsWith("#", StringComparison.Ordinal) || line.StartsWith("|", StringComparison.Ordinal) || line.StartsWith("```", StringComparison.Ordinal)) break;
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(line.Trim());
            }
            return sb.ToString();
        }
    }
}
