using System.Globalization;
using System.Text;

namespace ConfigLint.Cli.Formatters.Escaping
{
    /// <summary>
    /// The first escaping layer of every line format (console, pretty, GitHub, Azure): a string from an input (a
    /// policy name, a value, a path, a message quoting them) becomes text that stays on its line and cannot act.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Control characters (C0, DEL, C1 including NEL), the line and paragraph separators, bidirectional
    /// formatting characters (U+061C, U+200E/F, U+202A–E, U+2066–9) and lone surrogates are shown as
    /// <c>\uXXXX</c>: both CI logs interpret ANSI escape sequences, a CR or LF would start a new line that the runner
    /// reads as a command, and bidi overrides make a line read differently from what it is (CVE-2021-42574).</item>
    /// <item>The bracket of <c>##[</c> and <c>##vso[</c> is shown as <c>\u005B</c>: the GitHub runner's legacy
    /// commands (<c>##[add-mask]</c>) and the Azure agent's logging commands (<c>##vso[…]</c>) are recognized anywhere
    /// in a line, not only at its start.</item>
    /// </list>
    /// A line that would start with <c>::</c> (a GitHub workflow command) is handled by <see cref="SafeLineStart"/>.
    /// </remarks>
    public static class VisibleText
    {
        public static string Escape(string? text)
        {
            if (string.IsNullOrEmpty(text)) return string.Empty;
            if (!NeedsEscape(text!)) return text!;
            var sb = new StringBuilder(text!.Length + 16);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[++i]);
                    continue;
                }
                if (IsUnsafe(c))
                {
                    AppendEscape(sb, c);
                    continue;
                }
                if (c == '[' && EndsWithCommandPrefix(sb))
                {
                    AppendEscape(sb, c);
                    continue;
                }
                sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>
        /// A whole line as it will be written: if, after leading white space, it starts with <c>::</c> (a file or folder
        /// named <c>::error::x.json</c> at the start of a console line), the first colon is shown as <c>\u003A</c>.
        /// </summary>
        public static string SafeLineStart(string line)
        {
            int i = 0;
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i + 1 < line.Length && line[i] == ':' && line[i + 1] == ':') return line.Substring(0, i) + "\\u003A" + line.Substring(i + 1);
            return line;
        }

        /// <summary>True for a character no line format writes as itself.</summary>
        public static bool IsUnsafe(char c)
        {
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
            if (char.IsSurrogate(c)) return true;
            switch (c)
            {
                case '\u061C': case '\u200E': case '\u200F':
                case '\u2028': case '\u2029':
                case '\u202A': case '\u202B': case '\u202C': case '\u202D': case '\u202E':
                case '\u2066': case '\u2067': case '\u2068': case '\u2069':
                case '\uFEFF':
                    return true;
                default:
                    return false;
            }
        }

        private static bool NeedsEscape(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (IsUnsafe(c) || c == '[') return true;
            }
            return false;
        }

        private static bool EndsWithCommandPrefix(StringBuilder sb)
        {
            int n = sb.Length;
            if (n >= 2 && sb[n - 1] == '#' && sb[n - 2] == '#') return true;
            if (n < 5) return false;
            string tail = sb.ToString(n - 5, 5);
            return string.Equals(tail, "##vso", System.StringComparison.OrdinalIgnoreCase);
        }

        private static void AppendEscape(StringBuilder sb, char c) =>
            sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
    }
}
