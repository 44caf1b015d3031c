using System.Collections.Generic;
using System.Text;

namespace ConfigLint.Core.Json
{
    /// <summary>
    /// The one decoder of JSON string escapes, used by the reader for every string and by the embedded-document
    /// unwrap (which also records where each decoded character came from).
    /// </summary>
    internal static class JsonEscape
    {
        /// <summary>
        /// Decodes the escape sequence whose backslash is at <paramref name="at"/>, appending its characters. Returns the
        /// offset past the sequence, or -1 when it is invalid (then <paramref name="error"/> says why). A surrogate pair
        /// written as two escapes is decoded together; a lone surrogate escape becomes U+FFFD, as RFC 8259 leaves open.
        /// </summary>
        public static unsafe int Decode(string text, int at, char quote, StringBuilder sb, out string? error)
        {
            fixed (char* chars = text) return Decode(chars, text.Length, at, quote, sb, out error);
        }

        /// <summary>As <see cref="Decode(string, int, char, StringBuilder, out string)"/>, over <paramref name="length"/> pinned characters.</summary>
        public static unsafe int Decode(char* text, int length, int at, char quote, StringBuilder sb, out string? error)
        {
            error = null;
            if (at + 1 >= length)
            {
                error = "a backslash at the end of the file";
                return -1;
            }
            char e = text[at + 1];
            switch (e)
            {
                case '"': sb.Append('"'); return at + 2;
                case '\\': sb.Append('\\'); return at + 2;
                case '/': sb.Append('/'); return at + 2;
                case 'b': sb.Append('\b'); return at + 2;
                case 'f': sb.Append('\f'); return at + 2;
                case 'n': sb.Append('\n'); return at + 2;
                case 'r': sb.Append('\r'); return at + 2;
                case 't': sb.Append('\t'); return at + 2;
                case '\'' when quote == '\'': sb.Append('\''); return at + 2;
                case 'u':
                {
                    int code = Hex4(text, length, at + 2);
                    if (code < 0)
                    {
                        error = "a \\u escape needs four hex digits";
                        return -1;
                    }
                    if (code >= 0xD800 && code <= 0xDBFF && at + 11 < length && text[at + 6] == '\\' && text[at + 7] == 'u')
                    {
                        int low = Hex4(text, length, at + 8);
                        if (low >= 0xDC00 && low <= 0xDFFF)
                        {
                            sb.Append((char)code).Append((char)low);
                            return at + 12;
                        }
                    }
                    sb.Append(code >= 0xD800 && code <= 0xDFFF ? '\uFFFD' : (char)code);
                    return at + 6;
                }
                default:
                    error = $"'\\{Show(e)}' is not a JSON escape sequence";
                    return -1;
            }
        }

        /// <summary>
        /// Unescapes the string literal at [start, end) (quotes included) and maps each resulting character to the offset
        /// where it is written; the map has one more entry, for the end, at the closing quote.
        /// </summary>
        public static (string Text, int[] Map) UnescapeWithMap(string text, int start, int end)
        {
            char quote = text[start];
            var sb = new StringBuilder(end - start);
            var map = new List<int>(end - start + 1);
            int i = start + 1;
            int stop = end - 1;
            while (i < stop)
            {
                if (text[i] != '\\')
                {
                    sb.Append(text[i]);
                    map.Add(i);
                    i++;
                    continue;
                }
                int before = sb.Length;
                int next = Decode(text, i, quote, sb, out _);
                if (next < 0 || next > stop)
                {
                    // The reader has already reported the bad escape; keep its text as written.
                    sb.Length = before;
                    sb.Append(text[i]);
                    map.Add(i);
                    i++;
                    continue;
                }
                // A surrogate pair maps its second half to the second escape.
                for (int k = before; k < sb.Length; k++) map.Add(k == before ? i : i + 6);
                i = next;
            }
            map.Add(stop);
            return (sb.ToString(), map.ToArray());
        }

        private static unsafe int Hex4(char* text, int length, int at)
        {
            if (at + 4 > length) return -1;
            int code = 0;
            for (int k = at; k < at + 4; k++)
            {
                int digit = HexValue(text[k]);
                if (digit < 0) return -1;
                code = (code << 4) | digit;
            }
            return code;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>A character as a message shows it: printable ASCII as is, anything else as U+XXXX.</summary>
        public static string Show(char c) => c > 0x20 && c < 0x7F ? c.ToString() : $"U+{(int)c:X4}";
    }
}
