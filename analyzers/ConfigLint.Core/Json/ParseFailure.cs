namespace ConfigLint.Core.Json
{
    /// <summary>Why a file could not be read as it stands, and where (an offset into the original file).</summary>
    public sealed class ParseFailure
    {
        public ParseFailure(string message, int offset, bool isEmpty = false, bool isDeviation = false)
        {
            Message = message;
            Offset = offset;
            IsEmpty = isEmpty;
            IsDeviation = isDeviation;
        }

        /// <summary>True when the file holds no value at all (only whitespace or comments).</summary>
        public bool IsEmpty { get; }

        /// <summary>
        /// True for a departure from the standard whose intent is clear (a comment, a trailing comma, single quotes, a
        /// raw control character in a string): it is an error, yet the document was still built and is linted.
        /// </summary>
        public bool IsDeviation { get; }

        public string Message { get; }
        public int Offset { get; }
    }
}
