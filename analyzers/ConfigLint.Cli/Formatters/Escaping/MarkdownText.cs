using System.Text;

namespace ConfigLint.Cli.Formatters.Escaping
{
    /// <summary>
    /// Text from an input inside the Markdown of a job summary (GitHub step summary, Azure uploaded summary): shown
    /// as written, never as markup. HTML special characters become entities (GitHub renders inline HTML), Markdown
    /// punctuation is backslash-escaped (CommonMark: any ASCII punctuation may be), and control and bidi characters
    /// are shown as <c>\uXXXX</c>, so a name cannot add a link, an image, a table cell or a new line.
    /// </summary>
    public static class MarkdownText
    {
        public static string Escape(string? text)
        {
            var visible = VisibleText.Escape(text);
            var sb = new StringBuilder(visible.Length + 8);
            foreach (char c in visible)
            {
                switch (c)
                {
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '&': sb.Append("&amp;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '\\': case '`': case '*': case '_': case '{': case '}': case '[': case ']': case '(': case ')':
                    case '#': case '+': case '-': case '!': case '|': case '~': case '$': case '@':
                        sb.Append('\\').Append(c);
                        break;
                    default: sb.Append(c); break;
                }
            }
            return sb.ToString();
        }
    }
}
