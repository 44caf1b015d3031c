using System;
using System.IO;
using System.Text;

namespace ConfigLint.Core.Text
{
    public static partial class TextDecoder
    {
        /// <summary>
        /// Decodes text that a host (the compiler's additional-file text) already decoded with its own rules, so that
        /// the result is what <see cref="Decode(byte[])"/> gives for the file's bytes. The host reads a BOM-marked file in
        /// the marked encoding and anything else as UTF-8 (falling back to the ANSI code page, or to UTF-8 with U+FFFD
        /// replacements), so its text can disagree with ours: UTF-32, UTF-16 without a BOM, a mark over content in another
        /// encoding, invalid bytes. The bytes are rebuilt from the text and the encoding it was decoded with, with an
        /// invalid sequence wherever the host put a replacement character, and decoded again here.
        /// </summary>
        /// <param name="content">The host's text, without the byte order mark.</param>
        /// <param name="encoding">The encoding the host decoded with; null for text that never was bytes.</param>
        public static DecodedText DecodeHostText(string content, Encoding? encoding)
        {
            if (encoding == null) return new DecodedText(content, "text", null);
            bool replacing = !(encoding.DecoderFallback is DecoderExceptionFallback);
            bool clean = !replacing || content.IndexOf('\uFFFD') < 0;
            var name = AsDecoded(encoding, clean, content.Length, content.Length == 0 ? '\0' : content[0], LooksWide(content));
            return name != null ? new DecodedText(content, name, null) : Decode(Rebuild(content, encoding, encoding.GetPreamble(), replacing));
        }

        /// <summary>
        /// <see cref="DecodeHostText(string, Encoding)"/> over the first <paramref name="length"/> characters of a buffer the
        /// caller lends (the analyzer copies each compiler text into a pooled buffer: <c>SourceText.ToString()</c> made a new
        /// string of every large, chunked one). The text read from the buffer must only be linted within one <c>LintRun.LintDecoded</c> call, which
        /// lets go of it before returning; the rare text that needs its bytes rebuilt is copied into a string first.
        /// </summary>
        public static DecodedText DecodeHostChars(char[] chars, int length, Encoding? encoding)
        {
            if (length < 0 || length > chars.Length) throw new ArgumentOutOfRangeException(nameof(length));
            if (encoding == null) return new DecodedText(chars, length, "text");
            bool replacing = !(encoding.DecoderFallback is DecoderExceptionFallback);
            bool clean = !replacing || Array.IndexOf(chars, '\uFFFD', 0, length) < 0;
            bool wide = false;
            for (int i = 0; i < length && i < 4; i++) wide |= chars[i] == '\0';
            var name = AsDecoded(encoding, clean, length, length == 0 ? '\0' : chars[0], wide);
            return name != null ? new DecodedText(chars, length, name) : DecodeHostText(new string(chars, 0, length), encoding);
        }

        /// <summary>
        /// The encoding's name when the host's text is already what the strict decoders give for the file's bytes; null
        /// when the bytes must be rebuilt and decoded again.
        /// </summary>
        private static string? AsDecoded(Encoding encoding, bool clean, int length, char first, bool looksWide)
        {
            // The common cases need no round trip, which would cost three copies of the text per file (the analyzer's
            // build cost, issue 15). A replacing decoder that put no U+FFFD in the text met only valid bytes, so a strict
            // decode of the same bytes gives the same text:
            // - UTF-8 (with or without its mark) whose first characters are not NUL (no UTF-16 or UTF-32 hiding behind
            //   it) and that does not start with a second mark;
            // - UTF-16 LE behind its mark whose first character is U+0001..U+00FF: its bytes (c, 00) are no second mark
            //   and are what the decoder's sniffing takes for UTF-16 LE.
            if (encoding is UTF8Encoding && clean && !looksWide && (length == 0 || first != '\uFEFF')) return "UTF-8";
            if (encoding is UnicodeEncoding && encoding.CodePage == 1200 && clean && length > 0 && first > '\0' && first <= '\u00FF') return "UTF-16 LE";
            return null;
        }

        private static bool LooksWide(string content)
        {
            for (int i = 0; i < content.Length && i < 4; i++)
            {
                if (content[i] == '\0') return true;
            }
            return false;
        }

        private static byte[] Rebuild(string content, Encoding encoding, byte[] preamble, bool replacing)
        {
            var bytes = new MemoryStream(preamble.Length + content.Length * 2);
            bytes.Write(preamble, 0, preamble.Length);
            int from = 0;
            if (replacing && encoding is UTF8Encoding)
            {
                var mark = LostMark(content, out from);
                bytes.Write(mark, 0, mark.Length);
            }
            if (replacing)
            {
                var invalid = InvalidSequence(encoding);
                for (int i = content.IndexOf('\uFFFD', from); i >= 0; i = content.IndexOf('\uFFFD', from))
                {
                    Write(bytes, encoding, content, from, i - from);
                    bytes.Write(invalid, 0, invalid.Length);
                    from = i + 1;
                }
            }
            Write(bytes, encoding, content, from, content.Length - from);
            return bytes.ToArray();
        }

        /// <summary>
        /// A UTF-16 or UTF-32 byte order mark that a replacing UTF-8 decoder turned into two U+FFFD (FE and FF are never
        /// valid UTF-8): the wide text after them tells which mark it was. Returns no bytes when the text starts otherwise.
        /// </summary>
        private static byte[] LostMark(string content, out int consumed)
        {
            consumed = 0;
            if (content.Length >= 6 && content[0] == '\0' && content[1] == '\0' && content[2] == '\uFFFD' && content[3] == '\uFFFD')
            {
                consumed = 4;
                return new byte[] { 0, 0, 0xFE, 0xFF };
            }
            if (content.Length < 4 || content[0] != '\uFFFD' || content[1] != '\uFFFD') return new byte[0];
            bool firstNul = content[2] == '\0', secondNul = content[3] == '\0';
            if (firstNul == secondNul && !firstNul) return new byte[0];
            consumed = 2;
            // "{\0" follows FF FE (UTF-16 LE), "\0{" follows FE FF (UTF-16 BE), "\0\0" follows FF FE of UTF-32 LE.
            return !firstNul || secondNul ? new byte[] { 0xFF, 0xFE } : new byte[] { 0xFE, 0xFF };
        }

        private static void Write(MemoryStream bytes, Encoding encoding, string content, int start, int length)
        {
            if (length == 0) return;
            var chunk = encoding.GetBytes(content.Substring(start, length));
            bytes.Write(chunk, 0, chunk.Length);
        }

        /// <summary>Bytes that are invalid in the encoding: a stray UTF-8 byte, a lone high surrogate, a code point past U+10FFFF.</summary>
        private static byte[] InvalidSequence(Encoding encoding) => encoding.CodePage switch
        {
            1200 => new byte[] { 0x00, 0xD8 },
            1201 => new byte[] { 0xD8, 0x00 },
            12000 => new byte[] { 0x00, 0x00, 0x11, 0x00 },
            12001 => new byte[] { 0x00, 0x11, 0x00, 0x00 },
            _ => new byte[] { 0xFF },
        };
    }
}
