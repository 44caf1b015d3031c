using System.IO;
using System.Threading;
using ConfigLint.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis.Text;

namespace Microsoft.CodeAnalysis
{
    /// <summary>
    /// A stand-in for csc's own additional-file type, under the same full name (the real one is internal to
    /// Microsoft.CodeAnalysis): a path on disk, decoded as csc on Linux decodes it when asked, or no text when the file
    /// cannot be read (csc then reports why). The analyzer reads such a file from disk itself (ConfigLint.Analyzers'
    /// CompilerFiles); <see cref="TextReads"/> tells whether anything asked the "compiler" for the text.
    /// </summary>
    internal sealed class AdditionalTextFile : AdditionalText
    {
        private int _textReads;

        public AdditionalTextFile(string path)
        {
            Path = path;
        }

        public override string Path { get; }

        public int TextReads => Volatile.Read(ref _textReads);

        public override SourceText? GetText(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _textReads);
            return File.Exists(Path) ? DiskAdditionalText.Decode(File.ReadAllBytes(Path)) : null;
        }
    }
}
