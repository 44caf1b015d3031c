using System.Linq;

namespace ConfigLint.Core.Json
{
    /// <summary>The tokens: strings, numbers, literals and the whitespace (and comments) between them.</summary>
    internal sealed partial class JsonTreeReader
    {
        /// <summary>Where a plain run of string characters stops: the closing quote, a backslash or a control character.</summary>
        private static readonly char[] DoubleQuoteStops = Stops('"', AllControls);

        private static readonly char[] SingleQuoteStops = Stops('\'', AllControls);

        /// <summary>
        /// The same stops when the file holds no control character other than tab, CR and LF (the pre-scan tells): five
        /// characters, which the runtime searches for with vector instructions, where a longer list is several times slower.
        /// </summary>
        private static readonly char[] FastDoubleQuoteStops = Stops('"', false);

        private static readonly char[] FastSingleQuoteStops = Stops('\'', false);

        private const bool AllControls = true;

        /// <summary>The control characters other than tab, CR and LF: never valid outside a string, and rare inside one.</summary>
        private static readonly char[] RareControls = Enumerable.Range(0, 0x20).Where(i => i != '\t' && i != '\n' && i != '\r').Select(i => (char)i).ToArray();

        private static char[] Stops(char quote, bool allControls) =>
            (allControls ? Enumerable.Range(0, 0x20).Select(i => (char)i) : new[] { '\t', '\n', '\r' }).Concat(new[] { quote, '\\' }).ToArray();

        /// <summary>Picks the stop lists for this file with one search over the whole text.</summary>
        private void ChooseStops()
        {
            bool rare = _text.IndexOfAny(RareControls, _start, _end - _start) >= 0;
            _doubleQuoteStops = rare ? DoubleQuoteStops : FastDoubleQuoteStops;
            _singleQuoteStops = rare ? SingleQuoteStops : FastSingleQuoteStops;
        }

        private char[] _doubleQuoteStops = DoubleQuoteStops;
        private char[] _singleQuoteStops = SingleQuoteStops;

        /// <summary>Reads the string literal whose opening quote is at pos; returns the offset past the closing quote.</summary>
        private int ReadString(int pos, bool materialize, out string value)
        {
            string text = _text;
            char quote = text[pos];
            if (quote == '\'') Deviation(pos, "a string in single quotes; JSON strings use double quotes");
            var stops = quote == '"' ? _doubleQuoteStops : _singleQuoteStops;
            value = string.Empty;
            int i = pos + 1;
            int stop = text.IndexOfAny(stops, i);
            if (stop >= 0 && text[stop] == quote)
            {
                if (materialize && stop > i) value = text.Substring(i, stop - i);
                return stop + 1;
            }
            var sb = _unescaped.Clear();
            while (true)
            {
                if (stop < 0)
                {
                    var at = _source.GetPosition(pos);
                    throw new SyntaxError(text.Length, $"unexpected end of file inside the string that starts at line {at.Line}, column {at.Column}");
                }
                sb.Append(text, i, stop - i);
                char c = text[stop];
                if (c == quote)
                {
                    if (materialize) value = sb.ToString();
                    return stop + 1;
                }
                if (c == '\\')
                {
                    i = JsonEscape.Decode(text, stop, quote, sb, out var error);
                    if (i < 0) throw new SyntaxError(stop, error!);
                }
                else
                {
                    Deviation(stop, $"a raw control character {JsonEscape.Show(c)} in a string; JSON requires it escaped (\\u{(int)c:X4})");
                    sb.Append(c);
                    i = stop + 1;
                }
                stop = text.IndexOfAny(stops, i);
            }
        }

        /// <summary>Reads an RFC 8259 number at pos, of any length; returns the offset past it.</summary>
        private int ReadNumber(int pos)
        {
            string text = _text;
            int n = text.Length;
            int i = pos;
            if (text[i] == '-') i++;
            if (i >= n || text[i] < '0' || text[i] > '9') throw new SyntaxError(i, $"expected a digit after '-', found {Found(i)}");
            if (text[i] == '0')
            {
                i++;
                if (i < n && text[i] >= '0' && text[i] <= '9') throw new SyntaxError(i, "a number cannot have leading zeros");
            }
            else
            {
                while (i < n && text[i] >= '0' && text[i] <= '9') i++;
            }
            if (i < n && text[i] == '.')
            {
                i++;
                int fraction = i;
                while (i < n && text[i] >= '0' && text[i] <= '9') i++;
                if (i == fraction) throw new SyntaxError(i, $"expected a digit after the decimal point, found {Found(i)}");
            }
            if (i < n && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                if (i < n && (text[i] == '+' || text[i] == '-')) i++;
                int exponent = i;
                while (i < n && text[i] >= '0' && text[i] <= '9') i++;
                if (i == exponent) throw new SyntaxError(i, $"expected a digit in the exponent, found {Found(i)}");
            }
            return i;
        }

        /// <summary>Reads the literal at pos; returns the offset past it.</summary>
        private int Literal(int pos, string literal)
        {
            string text = _text;
            for (int k = 0; k < literal.Length; k++)
            {
                if (pos + k >= text.Length || text[pos + k] != literal[k]) throw new SyntaxError(pos + k, $"invalid literal: expected '{literal}', found {Found(pos + k)}");
            }
            return pos + literal.Length;
        }

        /// <summary>Skips whitespace and, as deviations, comments; returns the offset of the next token (or the length).</summary>
        private int SkipTrivia(int pos)
        {
            string text = _text;
            int n = text.Length;
            while (pos < n)
            {
                char c = text[pos];
                if (c == ' ')
                {
                    pos = SkipSpaces(text, pos + 1);
                    continue;
                }
                if (c == '\n' || c == '\r' || c == '\t')
                {
                    pos++;
                    continue;
                }
                if (c != '/' || pos + 1 >= n) return pos;
                char next = text[pos + 1];
                if (next == '/')
                {
                    Deviation(pos, "a comment; JSON has no comments (strict JSON readers refuse the file)");
                    int eol = text.IndexOfAny(LineBreaks, pos + 2);
                    pos = eol < 0 ? n : eol;
                }
                else if (next == '*')
                {
                    int close = text.IndexOf("*/", pos + 2, System.StringComparison.Ordinal);
                    if (close < 0) throw new SyntaxError(pos, "a comment that is never closed ('*/' missing)");
                    Deviation(pos, "a comment; JSON has no comments (strict JSON readers refuse the file)");
                    pos = close + 2;
                }
                else
                {
                    return pos;
                }
            }
            return pos;
        }

        private static readonly char[] LineBreaks = { '\r', '\n' };

        /// <summary>
        /// Skips a run of spaces, four at a time: exports are indented with spaces, often more than half of their
        /// characters, and this is where the reader spends its time between tokens.
        /// </summary>
        private static unsafe int SkipSpaces(string text, int pos)
        {
            const ulong FourSpaces = 0x0020_0020_0020_0020UL;
            int n = text.Length;
            fixed (char* start = text)
            {
                while (pos + 4 <= n && *(ulong*)(start + pos) == FourSpaces) pos += 4;
                while (pos < n && start[pos] == ' ') pos++;
            }
            return pos;
        }
    }
}
