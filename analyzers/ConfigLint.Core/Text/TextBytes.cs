using System;
using System.Text;

namespace ConfigLint.Core.Text
{
    /// <summary>
    /// A file's text left in the bytes it was read as, when those bytes already are its characters: ASCII (UTF-8 without
    /// a byte above 0x7F, one byte per character) or valid UTF-16 LE on a little-endian machine (two bytes per character,
    /// read in place). Most exports are one or the other; reading them from their bytes saves the decoded copy, which was
    /// half of all the engine allocated (build/bench/RESULTS.md).
    /// </summary>
    internal sealed class TextBytes
    {
        private TextBytes(byte[] bytes, int offset, int length, bool utf16)
        {
            Bytes = bytes;
            Offset = offset;
            Length = length;
            IsUtf16 = utf16;
        }

        public byte[] Bytes { get; }

        /// <summary>Where the text starts in <see cref="Bytes"/> (after any byte order mark).</summary>
        public int Offset { get; }

        /// <summary>The text's length in characters (UTF-16 code units).</summary>
        public int Length { get; }

        public bool IsUtf16 { get; }

        /// <summary>The bytes from <paramref name="offset"/> when they are ASCII, else null.</summary>
        public static TextBytes? Ascii(byte[] bytes, int offset) => IsAscii(bytes, offset) ? new TextBytes(bytes, offset, bytes.Length - offset, false) : null;

        /// <summary>
        /// The bytes from <paramref name="offset"/> as UTF-16 LE characters when they hold no surrogate (a file with one
        /// is decoded the usual way, which checks the pairs) and the machine reads them in place, else null.
        /// </summary>
        public static TextBytes? Utf16(byte[] bytes, int offset)
        {
            int count = bytes.Length - offset;
            if (!BitConverter.IsLittleEndian || count % 2 != 0 || HasSurrogate(bytes, offset)) return null;
            return new TextBytes(bytes, offset, count / 2, true);
        }

        /// <summary>The text as a string (the same one the strict decoders give for these bytes).</summary>
        public string ToText() => IsUtf16 ? Encoding.Unicode.GetString(Bytes, Offset, Length * 2) : Encoding.ASCII.GetString(Bytes, Offset, Length);

        /// <summary>Copies the characters into <paramref name="chars"/> (ASCII only; UTF-16 is read in place).</summary>
        public void Widen(char[] chars) => Encoding.ASCII.GetChars(Bytes, Offset, Length, chars, 0);

        private static unsafe bool IsAscii(byte[] bytes, int offset)
        {
            fixed (byte* start = bytes)
            {
                byte* p = start + offset;
                byte* end = start + bytes.Length;
                for (; p + 32 <= end; p += 32)
                {
                    if (((*(ulong*)p | *(ulong*)(p + 8) | *(ulong*)(p + 16) | *(ulong*)(p + 24)) & 0x8080808080808080UL) != 0) return false;
                }
                for (; p + 8 <= end; p += 8)
                {
                    if ((*(ulong*)p & 0x8080808080808080UL) != 0) return false;
                }
                for (; p < end; p++)
                {
                    if (*p >= 0x80) return false;
                }
            }
            return true;
        }

        private static unsafe bool HasSurrogate(byte[] bytes, int offset)
        {
            const ulong Ones = 0x0001000100010001UL, Highs = 0x8000800080008000UL, Mask = 0xF800F800F800F800UL, Surrogates = 0xD800D800D800D800UL;
            fixed (byte* start = bytes)
            {
                char* p = (char*)(start + offset);
                char* end = (char*)(start + bytes.Length);
                for (; p + 4 <= end; p += 4)
                {
                    // A lane is zero where (unit & 0xF800) == 0xD800; the usual "has a zero lane" test finds it.
                    ulong x = (*(ulong*)p & Mask) ^ Surrogates;
                    if (((x - Ones) & ~x & Highs) != 0) return true;
                }
                for (; p < end; p++)
                {
                    if ((*p & 0xF800) == 0xD800) return true;
                }
            }
            return false;
        }
    }
}
