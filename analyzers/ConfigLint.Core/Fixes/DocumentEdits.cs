using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ConfigLint.Core.Json;

namespace ConfigLint.Core.Fixes
{
    /// <summary>
    /// Minimal edits on a parsed document: replace one scalar, or add one property to an object. Every edit touches
    /// only the value's characters (or the inserted member), in the file's own spelling: JSON escaping, the outer
    /// string's escaping inside a double-encoded export, a YAML scalar's quoting style, the object's indentation,
    /// separator and line ending. Edits come back in the offsets of the original file.
    /// </summary>
    public static class DocumentEdits
    {
        private static readonly Regex YamlPlainNonString = new Regex(
            @"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$",
            RegexOptions.CultureInvariant);

        public static bool IsYaml(JsonDocument document) => YamlTreeParser.IsYamlPath(document.Path);

        /// <summary>Replaces the scalar <paramref name="node"/> with <paramref name="value"/>; null when it cannot be written there.</summary>
        public static TextEdit? ReplaceScalar(JsonDocument document, JsonNode node, ScalarValue value)
        {
            if (node.Kind == JsonKind.Object || node.Kind == JsonKind.Array) return null;
            if (IsYaml(document)) return ReplaceYamlScalar(document, node, value);
            return ToOriginal(document, node.Start, node.End, JsonLiteral(value));
        }

        /// <summary>
        /// Adds <c>name: value</c> as the last member of <paramref name="target"/>, indented like its other members, with
        /// the comma JSON needs after the member before it; null when the object's layout is not one it can follow.
        /// </summary>
        public static TextEdit? InsertProperty(JsonDocument document, JsonObject target, string name, ScalarValue value)
        {
            return IsYaml(document) ? InsertYamlProperty(document, target, name, value) : InsertJsonProperty(document, target, name, value);
        }

        /// <summary>A JSON literal: strings quoted with the minimal escaping, the other kinds as written.</summary>
        public static string JsonLiteral(ScalarValue value)
        {
            switch (value.Kind)
            {
                case JsonKind.String:
                    return "\"" + EscapeJson(value.Text, false) + "\"";
                case JsonKind.Null:
                    return "null";
                default:
                    return value.Text;
            }
        }

        /// <summary>JSON string escaping; <paramref name="htmlSafe"/> also escapes ' &lt; &gt; &amp; as PowerShell's ConvertTo-Json does.</summary>
        public static string EscapeJson(string text, bool htmlSafe)
        {
            var sb = new StringBuilder(text.Length + 8);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (c < 0x20 || (htmlSafe && (c == '\'' || c == '<' || c == '>' || c == '&')))
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }
                        break;
                }
            }
            return sb.ToString();
        }

        /// <summary>
        /// Turns an edit of the parsed text into one of the file. For a document read from inside a string literal (a
        /// double-encoded export, or a string inside a string: <see cref="JsonDocument.Depth"/>) each character of the
        /// parsed text maps to the start of the escape sequence that wrote it, and the sequences are contiguous at every
        /// level, so [map[start], map[end]) is exactly the escaped span, and the new text is escaped once per level,
        /// innermost first, the way the strings around it are.
        /// </summary>
        private static TextEdit ToOriginal(JsonDocument document, int start, int end, string parsedText)
        {
            if (document.Depth == 0) return new TextEdit(start, end, parsedText);
            string outer = document.Original.Text;
            bool htmlSafe = outer.IndexOf("\\u0027", StringComparison.OrdinalIgnoreCase) >= 0
                || outer.IndexOf("\\u003c", StringComparison.OrdinalIgnoreCase) >= 0
                || outer.IndexOf("\\u0026", StringComparison.OrdinalIgnoreCase) >= 0;
            string written = parsedText;
            for (int level = 0; level < document.Depth; level++) written = EscapeJson(written, htmlSafe);
            return new TextEdit(document.ToOriginalOffset(start), document.ToOriginalOffset(end), written);
        }

        private static TextEdit? InsertJsonProperty(JsonDocument document, JsonObject target, string name, ScalarValue value)
        {
            string text = document.Parsed.Text;
            int close = target.End - 1;
            if (close <= target.Start || close >= text.Length || text[close] != '}') return null;
            int last = close - 1;
            while (last > target.Start && IsJsonWhitespace(text[last])) last--;
            string member = "\"" + EscapeJson(name, false) + "\"";
            if (text[last] == '{')
            {
                // An empty object: write the member between the braces.
                return ToOriginal(document, last + 1, last + 1, member + ": " + JsonLiteral(value));
            }
            if (text[last] == ',') return null;

            // Follow the first member: its separator (": " or PowerShell's ":  ") and, when it starts its own line,
            // its indentation; otherwise the object is written on one line and so is the new member.
            string separator = ": ";
            string? indent = null;
            if (target.Properties.Count > 0)
            {
                var first = target.Properties[0];
                separator = text.Substring(first.NameEnd, first.Value.Start - first.NameEnd);
                int lineStart = LineStart(text, first.NameStart);
                string before = text.Substring(lineStart, first.NameStart - lineStart);
                if (lineStart > target.Start && IsBlank(before)) indent = before;
            }
            else
            {
                int lineStart = LineStart(text, last);
                if (lineStart > target.Start) indent = LeadingWhitespace(text, lineStart);
            }
            string insert = indent == null
                ? ", " + member + separator + JsonLiteral(value)
                : "," + NewLine(text) + indent + member + separator + JsonLiteral(value);
            return ToOriginal(document, last + 1, last + 1, insert);
        }

        private static TextEdit? ReplaceYamlScalar(JsonDocument document, JsonNode node, ScalarValue value)
        {
            string text = document.Parsed.Text;
            if (node.Start >= text.Length && node.Kind != JsonKind.Null) return null;
            char opener = node.Start < text.Length ? text[node.Start] : '\0';
            string spelled;
            if (opener == '\'' && node.Kind == JsonKind.String)
            {
                spelled = "'" + value.Text.Replace("'", "''") + "'";
            }
            else if (opener == '"' && node.Kind == JsonKind.String)
            {
                spelled = "\"" + EscapeJson(value.Text, false) + "\"";
            }
            else if (opener == '|' || opener == '>' || opener == '&' || opener == '*' || opener == '!')
            {
                // Block scalars, anchors and tags: not a shape exporters write; leave them to a person.
                return null;
            }
            else
            {
                spelled = YamlPlain(value);
            }
            if (node.End < node.Start) return null;
            return new TextEdit(node.Start, node.End, spelled);
        }

        /// <summary>A plain YAML scalar, or a single-quoted one when plain would read as another type (PyYAML's choice).</summary>
        private static string YamlPlain(ScalarValue value)
        {
            if (value.Kind != JsonKind.String) return value.Kind == JsonKind.Null ? "null" : value.Text;
            string t = value.Text;
            bool needsQuotes = t.Length == 0 || YamlPlainNonString.IsMatch(t) || t.IndexOfAny(new[] { ':', '#', '\'', '"', '\n', '\r', '\t' }) >= 0
                || "-?[]{},&*!|>%@`".IndexOf(t[0]) >= 0 || char.IsWhiteSpace(t[0]) || char.IsWhiteSpace(t[t.Length - 1]);
            return needsQuotes ? "'" + t.Replace("'", "''") + "'" : t;
        }

        private static TextEdit? InsertYamlProperty(JsonDocument document, JsonObject target, string name, ScalarValue value)
        {
            string text = document.Parsed.Text;
            if (target.Properties.Count == 0 || target.Start >= text.Length || text[target.Start] == '{') return null;
            var first = target.Properties[0];
            int keyColumn = first.NameStart - LineStart(text, first.NameStart);
            // The end of the line that holds the end of the mapping's last value.
            int end = target.End;
            int lineEnd = end;
            while (lineEnd < text.Length && text[lineEnd] != '\n' && text[lineEnd] != '\r') lineEnd++;
            string newline = NewLine(text);
            string key = YamlPlain(ScalarValue.String(name));
            string line = new string(' ', keyColumn) + key + ": " + YamlPlain(value);
            if (lineEnd >= text.Length) return new TextEdit(text.Length, text.Length, newline + line);
            int after = text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
            return new TextEdit(after, after, line + newline);
        }

        private static bool IsJsonWhitespace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

        private static int LineStart(string text, int offset)
        {
            int i = Math.Min(offset, text.Length);
            while (i > 0 && text[i - 1] != '\n' && text[i - 1] != '\r') i--;
            return i;
        }

        private static string LeadingWhitespace(string text, int lineStart)
        {
            int i = lineStart;
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            return text.Substring(lineStart, i - lineStart);
        }

        private static bool IsBlank(string s)
        {
            foreach (char c in s)
            {
                if (c != ' ' && c != '\t') return false;
            }
            return true;
        }

        /// <summary>The text's own line ending: CRLF when its first break is one, else LF.</summary>
        public static string NewLine(string text)
        {
            int i = text.IndexOf('\n');
            if (i > 0 && text[i - 1] == '\r') return "\r\n";
            if (i < 0 && text.IndexOf('\r') >= 0) return "\r";
            return "\n";
        }
    }
}
