using System.IO;
using System.Text;

namespace ConfigLint.Core.Text
{
    public static partial class TextDecoder
    {
        /// <summary>
        /// Decodes a large UTF-8 file from a seekable stream without ever holding its bytes: one pass counts the
        /// characters, a second decodes them into the text. A large file then costs its text, not its text and its bytes.
        /// Returns null for anything else (another encoding, a byte order mark contradicted by the content, invalid
        /// bytes, a file that changed between the passes): decode the bytes with <see cref="Decode(byte[])"/>, which
        /// words the problem exactly.
        /// </summary>
        public static DecodedText? DecodeUtf8Stream(Stream stream)
        {
            if (!stream.CanSeek) return null;
            var head = new byte[8];
            int n = 0;
            for (int r; n < head.Length && (r = stream.Read(head, n, head.Length - n)) > 0;) n += r;
            if (n < head.Length) return null;
            var bom = ReadBom(head, 0, out int skip);
            if (bom == null ? Guess(head, 0) != Kind.Utf8 : bom != Kind.Utf8 || (Sniff(head, skip, Kind.Utf8) ?? Kind.Utf8) != Kind.Utf8) return null;

            const int Chunk = 1 << 20;
            var bytes = new byte[Chunk];
            var chars = new char[StrictUtf8.GetMaxCharCount(Chunk)];
            var decoder = StrictUtf8.GetDecoder();
            long count = 0;
            try
            {
                stream.Position = skip;
                for (int r; (r = stream.Read(bytes, 0, Chunk)) > 0;) count += decoder.GetChars(bytes, 0, r, chars, 0, flush: false);
                count += decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
                if (count > int.MaxValue) return null;

                decoder.Reset();
                stream.Position = skip;
                string text = new string('\0', (int)count);
                int at = 0;
                unsafe
                {
                    // The string is new and not yet shared: filling it in place is what string.Create does on newer runtimes.
                    fixed (char* target = text)
                    fixed (byte* source = bytes)
                    {
                        for (int r; (r = stream.Read(bytes, 0, Chunk)) > 0;) at += decoder.GetChars(source, r, target + at, text.Length - at, flush: false);
                        at += decoder.GetChars(source, 0, target + at, text.Length - at, flush: true);
                    }
                }
                return at == text.Length ? new DecodedText(text, Name(Kind.Utf8), null) : null;
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
            catch (System.ArgumentException)
            {
                // The file grew between the passes: more characters than counted.
                return null;
            }
        }
    }
}
