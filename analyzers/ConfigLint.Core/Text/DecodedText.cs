namespace ConfigLint.Core.Text
{
    /// <summary>The text of a file as <see cref="TextDecoder"/> read it, or why it could not.</summary>
    public sealed class DecodedText
    {
        internal DecodedText(string? text, string encodingName, string? problem)
        {
            Text = text;
            EncodingName = encodingName;
            Problem = problem;
        }

        /// <summary>The decoded text without any byte order mark; null when the bytes are not text in any supported encoding.</summary>
        public string? Text { get; }

        public string EncodingName { get; }

        /// <summary>
        /// Why the file is unreadable (when <see cref="Text"/> is null), or an encoding error that did not stop the
        /// reading (a byte order mark that contradicts the content, which was read in the encoding it really has).
        /// </summary>
        public string? Problem { get; }

        public bool IsReadable => Text != null;
    }
}
