namespace ConfigLint.Core.Text
{
    /// <summary>The text of a file as <see cref="TextDecoder"/> read it, or why it could not.</summary>
    public sealed class DecodedText
    {
        private string? _text;
        private readonly TextBytes? _bytes;
        private readonly char[]? _chars;
        private readonly int _charCount;

        internal DecodedText(string? text, string encodingName, string? problem)
        {
            _text = text;
            EncodingName = encodingName;
            Problem = problem;
        }

        /// <summary>Text still in its file's bytes (see <see cref="TextBytes"/>), turned into a string only when asked.</summary>
        internal DecodedText(TextBytes bytes, string encodingName)
        {
            _bytes = bytes;
            EncodingName = encodingName;
        }

        /// <summary>Text in characters a caller lends (<see cref="TextDecoder.DecodeHostChars"/>), read in place.</summary>
        internal DecodedText(char[] chars, int count, string encodingName)
        {
            _chars = chars;
            _charCount = count;
            EncodingName = encodingName;
        }

        /// <summary>The decoded text without any byte order mark; null when the bytes are not text in any supported encoding.</summary>
        public string? Text => _text ??= _bytes?.ToText() ?? (_chars != null ? new string(_chars, 0, _charCount) : null);

        public string EncodingName { get; }

        /// <summary>
        /// Why the file is unreadable (when <see cref="Text"/> is null), or an encoding error that did not stop the
        /// reading (a byte order mark that contradicts the content, which was read in the encoding it really has).
        /// </summary>
        public string? Problem { get; }

        /// <summary>The text's length in characters (UTF-16 code units); 0 when it is unreadable.</summary>
        public int Length => _text != null ? _text.Length : _bytes != null ? _bytes.Length : _chars != null ? _charCount : 0;

        public bool IsReadable => _text != null || _bytes != null || _chars != null;

        /// <summary>The text to lint: over the string once made, else over the bytes or the lent characters (no string is made for them).</summary>
        public SourceText ToSource(string path) =>
            _text != null ? new SourceText(path, _text)
            : _bytes != null ? new SourceText(path, _bytes)
            : _chars != null ? new SourceText(path, _chars, _charCount)
            : new SourceText(path, Text!);
    }
}
