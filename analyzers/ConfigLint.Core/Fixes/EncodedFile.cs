using System;
using System.Text;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Fixes
{
    /// <summary>
    /// A file's text together with how it was stored (encoding and byte order mark), so a fixed text is written back
    /// in exactly the file's own encoding: every byte outside the edited values stays as it was.
    /// </summary>
    public sealed class EncodedFile
    {
        private readonly Encoding _encoding;
        private readonly byte[] _preamble;

        private EncodedFile(string text, string encodingName, Encoding encoding, byte[] preamble)
        {
            Text = text;
            EncodingName = encodingName;
            _encoding = encoding;
            _preamble = preamble;
        }

        /// <summary>The decoded text, without the byte order mark (as the engine reads it).</summary>
        public string Text { get; }

        /// <summary>The decoder's name for the encoding, e.g. <c>UTF-16 LE</c>.</summary>
        public string EncodingName { get; }

        /// <summary>Decodes as the engine does; null (with the reason) when the bytes are not text.</summary>
        public static EncodedFile? TryDecode(byte[] bytes, out string? error)
        {
            if (!TextDecoder.TryDecode(bytes, out var text, out var name, out error)) return null;
            Encoding encoding;
            byte[] preamble;
            switch (name)
            {
                case "UTF-8 with BOM":
                    encoding = new UTF8Encoding(false, true);
                    preamble = new byte[] { 0xEF, 0xBB, 0xBF };
                    break;
                case "UTF-16 LE":
                    encoding = new UnicodeEncoding(false, false, true);
                    preamble = new byte[] { 0xFF, 0xFE };
                    break;
                case "UTF-16 BE":
                    encoding = new UnicodeEncoding(true, false, true);
                    preamble = new byte[] { 0xFE, 0xFF };
                    break;
                case "UTF-16 LE (no BOM)":
                    encoding = new UnicodeEncoding(false, false, true);
                    preamble = new byte[0];
                    break;
                case "UTF-16 BE (no BOM)":
                    encoding = new UnicodeEncoding(true, false, true);
                    preamble = new byte[0];
                    break;
                case "UTF-32 LE":
                    encoding = new UTF32Encoding(false, false, true);
                    preamble = new byte[] { 0xFF, 0xFE, 0, 0 };
                    break;
                case "UTF-8":
                    encoding = new UTF8Encoding(false, true);
                    preamble = new byte[0];
                    break;
                default:
                    error = $"cannot write the encoding '{name}' back";
                    return null;
            }
            return new EncodedFile(text, name, encoding, preamble);
        }

        /// <summary>The bytes of <paramref name="text"/> in this file's encoding, with its byte order mark if it had one.</summary>
        public byte[] Encode(string text)
        {
            var body = _encoding.GetBytes(text);
            var bytes = new byte[_preamble.Length + body.Length];
            Buffer.BlockCopy(_preamble, 0, bytes, 0, _preamble.Length);
            Buffer.BlockCopy(body, 0, bytes, _preamble.Length, body.Length);
            return bytes;
        }
    }
}
