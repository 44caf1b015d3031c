using System;
using System.Text;

namespace ConfigLint.Core.Text
{
    /// <summary>
    /// Turns file bytes into text, the same way for both channels. Exports arrive as UTF-8, UTF-8 with BOM (web
    /// downloads, re-saved repos) and UTF-16 LE with BOM (Windows PowerShell 5.1 <c>Out-File</c>); UTF-16 BE and
    /// UTF-32 are accepted for completeness. Decoding is strict: an invalid sequence
    /// or a lone surrogate makes the file unreadable rather than silently replaced.
    /// </summary>
    public static partial class TextDecoder
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        private enum Kind
        {
            Utf8,
            Utf16Le,
            Utf16Be,
            Utf32Le,
            Utf32Be,
        }

        /// <summary>Decodes a file's bytes; never throws.</summary>
        public static DecodedText Decode(byte[] bytes)
        {
            var kind = Detect(bytes, out int offset, out string? problem);
            return DecodeAt(bytes, offset, kind, problem);
        }

        /// <summary>
        /// Decodes a file's bytes as <see cref="Decode(byte[])"/> does (never throws, same text, same problems), but leaves
        /// ASCII and UTF-16 LE text in the bytes (<see cref="TextBytes"/>): the engine reads those in place, and the string
        /// is made only if something asks for <see cref="DecodedText.Text"/>.
        /// </summary>
        public static DecodedText DecodeInPlace(byte[] bytes)
        {
            var kind = Detect(bytes, out int offset, out string? problem);
            // A problem to word (a mark the content contradicts) goes with a decoded text, as Decode gives it.
            var kept = problem != null ? null : kind == Kind.Utf8 ? TextBytes.Ascii(bytes, offset) : kind == Kind.Utf16Le ? TextBytes.Utf16(bytes, offset) : null;
            return kept != null ? new DecodedText(kept, Name(kind)) : DecodeAt(bytes, offset, kind, problem);
        }

        /// <summary>
        /// The encoding of a file's bytes and where its text starts (after any byte order mark), and the problem to report
        /// when a mark says one thing over content in another encoding (a UTF-16 export re-saved behind a UTF-8 BOM): the
        /// content is then still read as what it is.
        /// </summary>
        private static Kind Detect(byte[] bytes, out int offset, out string? problem)
        {
            problem = null;
            var bom = ReadBom(bytes, 0, out int bomLength);
            if (bom == null)
            {
                offset = 0;
                return Guess(bytes, 0);
            }
            var content = Sniff(bytes, bomLength, bom.Value);
            if (content == null || content == bom)
            {
                offset = bomLength;
                return bom.Value;
            }
            problem = $"the byte order mark says {Name(bom.Value)} but the content is {Name(content.Value)}; it was read as {Name(content.Value)} (save the file in one encoding, UTF-8 preferred)";
            ReadBom(bytes, bomLength, out int second);
            offset = bomLength + second;
            return content.Value;
        }

        /// <summary>Decodes bytes; on failure returns false and says why in <paramref name="error"/>.</summary>
        public static bool TryDecode(byte[] bytes, out string text, out string encodingName, out string? error)
        {
            var decoded = Decode(bytes);
            text = decoded.Text ?? string.Empty;
            encodingName = decoded.EncodingName;
            error = decoded.Problem;
            return decoded.IsReadable;
        }

        private static DecodedText DecodeAt(byte[] bytes, int offset, Kind kind, string? problem)
        {
            int count = bytes.Length - offset;
            try
            {
                string text = kind switch
                {
                    Kind.Utf8 => StrictUtf8.GetString(bytes, offset, count),
                    Kind.Utf16Le => new UnicodeEncoding(false, false, true).GetString(bytes, offset, count),
                    Kind.Utf16Be => new UnicodeEncoding(true, false, true).GetString(bytes, offset, count),
                    Kind.Utf32Le => new UTF32Encoding(false, false, true).GetString(bytes, offset, count),
                    _ => new UTF32Encoding(true, false, true).GetString(bytes, offset, count),
                };
                return new DecodedText(text, Name(kind), problem);
            }
            catch (DecoderFallbackException ex)
            {
                // For UTF-16 and UTF-32 the runtime places the fault where it noticed it (past a high surrogate); the
                // start of the bad unit is the same whichever host decoded the file first.
                int index = kind == Kind.Utf8 ? ex.Index : FirstInvalidUnit(bytes, offset, kind);
                string reason = index >= 0
                    ? $"the bytes are not valid text in the detected encoding, {Name(kind)} (invalid sequence near byte {index}); save the file as UTF-8 or UTF-16 with a BOM"
                    : $"the bytes are not valid text in the detected encoding, {Name(kind)}; save the file as UTF-8 or UTF-16 with a BOM";
                return new DecodedText(null, Name(kind), problem == null ? reason : problem + "; " + reason);
            }
            catch (ArgumentException ex)
            {
                return new DecodedText(null, Name(kind), $"the bytes are not valid text in the detected encoding, {Name(kind)}: {ex.Message}");
            }
        }

        /// <summary>The file offset of the first code unit that is not valid UTF-16 or UTF-32 (a lone surrogate, a partial unit).</summary>
        private static int FirstInvalidUnit(byte[] b, int offset, Kind kind)
        {
            bool wide = kind == Kind.Utf32Le || kind == Kind.Utf32Be;
            bool little = kind == Kind.Utf16Le || kind == Kind.Utf32Le;
            int size = wide ? 4 : 2;
            for (int i = offset; i < b.Length; i += size)
            {
                if (i + size > b.Length) return i;
                uint unit = wide
                    ? (little ? (uint)(b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24) : (uint)(b[i + 3] | b[i + 2] << 8 | b[i + 1] << 16 | b[i] << 24))
                    : (uint)(little ? b[i] | b[i + 1] << 8 : b[i + 1] | b[i] << 8);
                if (wide)
                {
                    if (unit > 0x10FFFF || (unit >= 0xD800 && unit <= 0xDFFF)) return i;
                    continue;
                }
                if (unit >= 0xDC00 && unit <= 0xDFFF) return i;
                if (unit < 0xD800 || unit > 0xDBFF) continue;
                if (i + 3 >= b.Length) return i;
                uint next = (uint)(little ? b[i + 2] | b[i + 3] << 8 : b[i + 3] | b[i + 2] << 8);
                if (next < 0xDC00 || next > 0xDFFF) return i;
                i += 2;
            }
            return -1;
        }

        /// <summary>The encoding a byte order mark at <paramref name="at"/> names, or null.</summary>
        private static Kind? ReadBom(byte[] b, int at, out int length)
        {
            int n = b.Length - at;
            length = 4;
            if (n >= 4 && b[at] == 0xFF && b[at + 1] == 0xFE && b[at + 2] == 0 && b[at + 3] == 0) return Kind.Utf32Le;
            if (n >= 4 && b[at] == 0 && b[at + 1] == 0 && b[at + 2] == 0xFE && b[at + 3] == 0xFF) return Kind.Utf32Be;
            length = 3;
            if (n >= 3 && b[at] == 0xEF && b[at + 1] == 0xBB && b[at + 2] == 0xBF) return Kind.Utf8;
            length = 2;
            if (n >= 2 && b[at] == 0xFF && b[at + 1] == 0xFE) return Kind.Utf16Le;
            if (n >= 2 && b[at] == 0xFE && b[at + 1] == 0xFF) return Kind.Utf16Be;
            length = 0;
            return null;
        }

        /// <summary>
        /// The encoding of unmarked bytes: exports start with ASCII (a brace, a bracket, whitespace, a key), so the NUL
        /// bytes of the first character tell UTF-16 and UTF-32 from UTF-8 (some tools strip the BOM).
        /// </summary>
        private static Kind Guess(byte[] b, int at)
        {
            int n = b.Length - at;
            if (n >= 4 && b[at] != 0 && b[at + 1] == 0 && b[at + 2] == 0 && b[at + 3] == 0) return Kind.Utf32Le;
            if (n >= 4 && b[at] == 0 && b[at + 1] == 0 && b[at + 2] == 0 && b[at + 3] != 0) return Kind.Utf32Be;
            if (n >= 2 && b[at] != 0 && b[at + 1] == 0) return Kind.Utf16Le;
            if (n >= 2 && b[at] == 0 && b[at + 1] != 0) return Kind.Utf16Be;
            return Kind.Utf8;
        }

        /// <summary>What the content after a <paramref name="bom"/> mark looks like, or null when too short to tell.</summary>
        private static Kind? Sniff(byte[] b, int at, Kind bom)
        {
            var second = ReadBom(b, at, out _);
            if (second != null) return second;
            int n = b.Length - at;
            if (n < 2) return null;
            switch (bom)
            {
                case Kind.Utf8:
                    return Guess(b, at);
                case Kind.Utf16Le:
                case Kind.Utf16Be:
                    if (n >= 2 && (b[at] == 0) != (b[at + 1] == 0)) return b[at] == 0 ? Kind.Utf16Be : Kind.Utf16Le;
                    // Four ASCII bytes in a row are two 8-bit characters, not two UTF-16 ones.
                    if (n >= 4 && IsAsciiText(b[at]) && IsAsciiText(b[at + 1]) && IsAsciiText(b[at + 2]) && IsAsciiText(b[at + 3])) return Kind.Utf8;
                    return bom;
                default:
                    return bom;
            }
        }

        private static bool IsAsciiText(byte b) => b == '\t' || b == '\n' || b == '\r' || (b >= 0x20 && b < 0x7F);

        private static string Name(Kind kind) => kind switch
        {
            Kind.Utf8 => "UTF-8",
            Kind.Utf16Le => "UTF-16 LE",
            Kind.Utf16Be => "UTF-16 BE",
            Kind.Utf32Le => "UTF-32 LE",
            _ => "UTF-32 BE",
        };
    }
}
