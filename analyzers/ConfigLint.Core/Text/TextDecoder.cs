using System;
using System.Text;

namespace ConfigLint.Core.Text
{
    /// <summary>
    /// Turns file bytes into text. Exports arrive as UTF-8, UTF-8 with BOM (portal export, re-saved repos) and
    /// UTF-16 LE with BOM (Windows PowerShell 5.1 <c>Out-File</c>, the default of IntuneManagement); UTF-16 BE
    /// and UTF-32 are accepted for completeness.
    /// </summary>
    public static class TextDecoder
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private static readonly UnicodeEncoding StrictUtf16Le = new UnicodeEncoding(false, false, true);
        private static readonly UnicodeEncoding StrictUtf16Be = new UnicodeEncoding(true, false, true);

        /// <summary>Decodes <paramref name="bytes"/>; on failure returns false and says why in <paramref name="error"/>.</summary>
        public static bool TryDecode(byte[] bytes, out string text, out string encodingName, out string? error)
        {
            error = null;
            text = string.Empty;
            int length = bytes.Length;
            try
            {
                if (length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0)
                {
                    encodingName = "UTF-32 LE";
                    text = new UTF32Encoding(false, false, true).GetString(bytes, 4, length - 4);
                }
                else if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
                {
                    encodingName = "UTF-8 with BOM";
                    text = StrictUtf8.GetString(bytes, 3, length - 3);
                }
                else if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
                {
                    encodingName = "UTF-16 LE";
                    text = StrictUtf16Le.GetString(bytes, 2, length - 2);
                }
                else if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
                {
                    encodingName = "UTF-16 BE";
                    text = StrictUtf16Be.GetString(bytes, 2, length - 2);
                }
                else if (length >= 2 && bytes[0] != 0 && bytes[1] == 0)
                {
                    // UTF-16 LE without a BOM (some tools strip it): ASCII JSON then has every odd byte zero.
                    encodingName = "UTF-16 LE (no BOM)";
                    text = StrictUtf16Le.GetString(bytes, 0, length);
                }
                else if (length >= 2 && bytes[0] == 0 && bytes[1] != 0)
                {
                    encodingName = "UTF-16 BE (no BOM)";
                    text = StrictUtf16Be.GetString(bytes, 0, length);
                }
                else
                {
                    encodingName = "UTF-8";
                    text = StrictUtf8.GetString(bytes, 0, length);
                }
                return true;
            }
            catch (DecoderFallbackException ex)
            {
                encodingName = "unknown";
                error = ex.Index >= 0
                    ? $"the bytes are not valid text in the detected encoding (invalid sequence near byte {ex.Index}); save the file as UTF-8 or UTF-16 with a BOM"
                    : "the bytes are not valid text in the detected encoding; save the file as UTF-8 or UTF-16 with a BOM";
                return false;
            }
        }
    }
}
