using System.Runtime.CompilerServices;

namespace ConfigLint.Core.Json
{
    /// <summary>The tokens: strings, numbers, literals and the whitespace (and comments) between them.</summary>
    internal sealed unsafe partial class JsonTreeReader
    {
        private const ulong Lanes = 0x0001000100010001UL;
        private const ulong LaneHighs = 0x8000800080008000UL;
        private const ulong Backslashes = Lanes * '\\';
        private const ulong Controls = Lanes * 0x20;

        /// <summary>
        /// Where a plain run of string characters stops: the closing <paramref name="quote"/>, a backslash or a control
        /// character (U+0000 to U+001F), from <paramref name="i"/>; -1 when the text ends first. Four characters are tested
        /// at a time (one 64-bit word of four 16-bit lanes): most strings in an export are plain, so most words pass whole.
        /// </summary>
        [MethodImpl(Hot.Loop)]
        private int FindStop(int i, char quote)
        {
            char* text = _text;
            int n = _length;
            ulong quotes = Lanes * quote;
            for (; i + 4 <= n; i += 4)
            {
                ulong x = *(ulong*)(text + i);
                ulong q = x ^ quotes;
                ulong b = x ^ Backslashes;
                // A lane below 0x20, or equal to the quote or the backslash (a zero lane after the XOR), sets its high bit;
                // a borrow can only spill into lanes above one that matched, so "none set" is exact.
                ulong hits = ((x - Controls) & ~x) | ((q - Lanes) & ~q) | ((b - Lanes) & ~b);
                if ((hits & LaneHighs) != 0) break;
            }
            for (; i < n; i++)
            {
                char c = text[i];
                if (c == quote || c == '\\' || c < 0x20) return i;
            }
            return -1;
        }

        /// <summary>Reads the string literal whose opening quote is at pos; returns the offset past the closing quote.</summary>
        [MethodImpl(Hot.Loop)]
        private int ReadString(int pos, bool materialize, out string value)
        {
            char* text = _text;
            char quote = text[pos];
            if (quote == '\'') Deviation(pos, "a string in single quotes; JSON strings use double quotes");
            value = string.Empty;
            int i = pos + 1;
            int stop = FindStop(i, quote);
            if (stop >= 0 && text[stop] == quote)
            {
                if (materialize && stop > i) value = new string(text, i, stop - i);
                return stop + 1;
            }
            var sb = _unescaped.Clear();
            while (true)
            {
                if (stop < 0)
                {
                    var at = _source.GetPosition(pos);
                    throw new SyntaxError(_length, $"unexpected end of file inside the string that starts at line {at.Line}, column {at.Column}");
                }
                sb.Append(text + i, stop - i);
                char c = text[stop];
                if (c == quote)
                {
                    if (materialize) value = sb.ToString();
                    return stop + 1;
                }
                if (c == '\\')
                {
                    i = JsonEscape.Decode(text, _length, stop, quote, sb, out var error);
                    if (i < 0) throw new SyntaxError(stop, error!);
                }
                else
                {
                    Deviation(stop, $"a raw control character {JsonEscape.Show(c)} in a string; JSON requires it escaped (\\u{(int)c:X4})");
                    sb.Append(c);
                    i = stop + 1;
                }
                stop = FindStop(i, quote);
            }
        }

        /// <summary>Reads an RFC 8259 number at pos, of any length; returns the offset past it.</summary>
        [MethodImpl(Hot.Loop)]
        private int ReadNumber(int pos)
        {
            char* text = _text;
            int n = _length;
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
        [MethodImpl(Hot.Loop)]
        private int Literal(int pos, string literal)
        {
            for (int k = 0; k < literal.Length; k++)
            {
                if (pos + k >= _length || _text[pos + k] != literal[k]) throw new SyntaxError(pos + k, $"invalid literal: expected '{literal}', found {Found(pos + k)}");
            }
            return pos + literal.Length;
        }

        /// <summary>Skips whitespace and, as deviations, comments; returns the offset of the next token (or the length).</summary>
        [MethodImpl(Hot.Loop)]
        private int SkipTrivia(int pos)
        {
            char* text = _text;
            int n = _length;
            while (pos < n)
            {
                char c = text[pos];
                if (c == ' ')
                {
                    pos = SkipSpaces(pos + 1);
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
                    pos += 2;
                    while (pos < n && text[pos] != '\r' && text[pos] != '\n') pos++;
                }
                else if (next == '*')
                {
                    int close = pos + 2;
                    while (close + 1 < n && !(text[close] == '*' && text[close + 1] == '/')) close++;
                    if (close + 1 >= n) throw new SyntaxError(pos, "a comment that is never closed ('*/' missing)");
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

        /// <summary>
        /// Skips a run of spaces, four at a time: exports are indented with spaces, often more than half of their
        /// characters, and this is where the reader spends its time between tokens.
        /// </summary>
        [MethodImpl(Hot.Loop)]
        private int SkipSpaces(int pos)
        {
            const ulong FourSpaces = Lanes * ' ';
            char* text = _text;
            int n = _length;
            while (pos + 4 <= n && *(ulong*)(text + pos) == FourSpaces) pos += 4;
            while (pos < n && text[pos] == ' ') pos++;
            return pos;
        }
    }
}
