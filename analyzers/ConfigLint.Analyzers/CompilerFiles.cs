using System;
using System.IO;
using Microsoft.CodeAnalysis;

namespace ConfigLint.Analyzers
{
    /// <summary>
    /// The command-line compiler's own additional files, read as bytes rather than through the compiler's text.
    /// </summary>
    /// <remarks>
    /// <para>
    /// csc and the compiler server hand analyzers an <c>AdditionalTextFile</c> (internal to Microsoft.CodeAnalysis): a
    /// path on disk whose <c>GetText</c> reads the file the first time it is asked, decodes it (a byte order mark, else
    /// UTF-8, else the ANSI code page or <c>/codepage</c>) and keeps that text until the compilation ends. Nothing else
    /// in the compiler asks for it. Reading the same file's bytes here gives the engine what the CLI gets, so it decodes
    /// them as the CLI does instead of rebuilding the bytes from the compiler's decoding
    /// (<c>TextDecoder.DecodeHostChars</c>), and the compiler never makes or keeps its copy. On the 1,738-file bench
    /// build that copy was 83 MB allocated for 29 MB of exports and 0.2 s of the compiler's CPU (issue 15).
    /// </para>
    /// <para>
    /// RS1035 bans file IO in analyzers because an IDE's text is the truth: an open editor's unsaved buffer, not the disk.
    /// So only the compiler's own type is read from disk, and only where it is the disk's text already. An IDE, the
    /// testing library or any other host hands over its own text objects, which are asked for their text as before; so
    /// is a file that cannot be read here (the compiler then reads it, or reports why it could not).
    /// </para>
    /// </remarks>
    internal static class CompilerFiles
    {
        /// <summary>csc's additional-file type (Roslyn's <c>src/Compilers/Core/Portable/CommandLine/AdditionalTextFile.cs</c>).</summary>
        private const string CompilerTypeName = "Microsoft.CodeAnalysis.AdditionalTextFile";

        /// <summary>Whether the file is one of the command-line compiler's, whose text is what its path holds on disk.</summary>
        public static bool IsOnDisk(AdditionalText file) => string.Equals(file.GetType().FullName, CompilerTypeName, StringComparison.Ordinal);

        /// <summary>The file's bytes when it is one of the compiler's and can be read; otherwise null (ask the compiler).</summary>
        public static byte[]? TryReadBytes(AdditionalText file)
        {
            // csc resolves each path against its base directory; a relative one would be read against the compiler
            // server's working directory, which is not the project's, so such a path is left to the compiler.
            if (!IsOnDisk(file) || !Path.IsPathRooted(file.Path)) return null;
            try
            {
#pragma warning disable RS1035 // The compiler's AdditionalTextFile reads this very path; see the remarks above.
                return File.ReadAllBytes(file.Path);
#pragma warning restore RS1035
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException || ex is System.Security.SecurityException)
            {
                // Gone, locked, too large or not a path this runtime takes: the compiler's own read decides and reports it.
                return null;
            }
        }
    }
}
