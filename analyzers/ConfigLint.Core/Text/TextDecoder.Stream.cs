using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ConfigLint.Core.Text
{
    public static partial class TextDecoder
    {
        private const int StreamChunk = 1 << 20;

        /// <summary>
        /// Decodes a large UTF-8 file from a seekable stream without ever holding its bytes: one pass counts the
        /// characters of each 1 MiB chunk, a second decodes every chunk into its place in the text. A large file then
        /// costs its text, not its text and its bytes; both passes run on <paramref name="workers"/> threads (a chunk is
        /// read under a lock, since the stream is shared, and counted or decoded outside it). Returns null for anything
        /// else (another encoding, a byte order mark contradicted by the content, invalid bytes, a file that changed
        /// between the passes): decode the bytes with <see cref="Decode(byte[])"/>, which words the problem exactly.
        /// </summary>
        public static DecodedText? DecodeUtf8Stream(Stream stream, int workers = 0)
        {
            if (!stream.CanSeek) return null;
            var head = new byte[8];
            int n = 0;
            for (int r; n < head.Length && (r = stream.Read(head, n, head.Length - n)) > 0;) n += r;
            if (n < head.Length) return null;
            var bom = ReadBom(head, 0, out int skip);
            if (bom == null ? Guess(head, 0) != Kind.Utf8 : bom != Kind.Utf8 || (Sniff(head, skip, Kind.Utf8) ?? Kind.Utf8) != Kind.Utf8) return null;

            long length = stream.Length;
            long chunks = (length - skip + StreamChunk - 1) / StreamChunk;
            if (chunks <= 0 || chunks > int.MaxValue) return null;
            var counts = new int[chunks];
            var reader = new ChunkReader(stream, skip, length);
            int threads = Math.Max(1, Math.Min(workers > 0 ? workers : Environment.ProcessorCount, (int)chunks));

            // Pass 1: the characters in each chunk. A chunk starts at its first byte that begins a character and ends where
            // the next chunk starts, so the chunks split no character; the strict decoder counts and validates at once.
            if (!ForEachChunk(counts.Length, threads, reader, (k, bytes, start, end) =>
            {
                counts[k] = StrictUtf8.GetCharCount(bytes, start, end - start);
                return true;
            }))
            {
                return null;
            }
            var offsets = new int[counts.Length];
            long total = 0;
            for (int k = 0; k < counts.Length; k++)
            {
                offsets[k] = (int)total;
                total += counts[k];
                // More characters than a string holds.
                if (total > int.MaxValue) return null;
            }

            // Pass 2: each chunk decoded into its place. The string is new and not yet shared: filling it in place is what
            // string.Create does on newer runtimes.
            string text = new string('\0', (int)total);
            bool filled;
            unsafe
            {
                fixed (char* target = text)
                {
                    var at = (IntPtr)target;
                    filled = ForEachChunk(counts.Length, threads, reader, (k, bytes, start, end) =>
                    {
                        fixed (byte* source = bytes)
                        {
                            // A count that differs from pass 1: the file changed in between.
                            return StrictUtf8.GetChars(source + start, end - start, (char*)at + offsets[k], counts[k]) == counts[k];
                        }
                    });
                }
            }
            return filled ? new DecodedText(text, Name(Kind.Utf8), null) : null;
        }

        private delegate bool ChunkAction(int chunk, byte[] bytes, int start, int end);

        /// <summary>
        /// Runs <paramref name="action"/> on every chunk, on <paramref name="threads"/> threads (the calling one
        /// included); false as soon as a chunk fails (invalid bytes, a split character, a file that changed size).
        /// </summary>
        private static bool ForEachChunk(int chunks, int threads, ChunkReader reader, ChunkAction action)
        {
            int next = -1;
            int failed = 0;
            void Work()
            {
                var bytes = new byte[StreamChunk + 4];
                int k;
                while (Volatile.Read(ref failed) == 0 && (k = Interlocked.Increment(ref next)) < chunks)
                {
                    try
                    {
                        if (reader.Read(k, bytes, out int start, out int end) && action(k, bytes, start, end)) continue;
                    }
                    catch (Exception ex) when (ex is System.Text.DecoderFallbackException || ex is ArgumentException || ex is IOException)
                    {
                        // Invalid bytes (the strict decoder's fallback), more characters than counted, or a read error.
                    }
                    Interlocked.Exchange(ref failed, 1);
                }
            }
            var helpers = new Task[threads - 1];
            for (int i = 0; i < helpers.Length; i++) helpers[i] = Task.Run(Work);
            Work();
            Task.WaitAll(helpers);
            return failed == 0;
        }

        /// <summary>Reads chunk <c>k</c> of a shared stream, with the few bytes past it that tell where the next character starts.</summary>
        private sealed class ChunkReader
        {
            private readonly Stream _stream;
            private readonly long _first;
            private readonly long _length;

            public ChunkReader(Stream stream, long first, long length)
            {
                _stream = stream;
                _first = first;
                _length = length;
            }

            /// <summary>
            /// Chunk <paramref name="k"/>'s bytes into <paramref name="bytes"/>; its characters are
            /// <c>[start, end)</c>. False when a chunk cannot be cut there: more than three continuation bytes in a
            /// row, or a file shorter than when it was opened.
            /// </summary>
            public bool Read(int k, byte[] bytes, out int start, out int end)
            {
                start = end = 0;
                long from = _first + (long)k * StreamChunk;
                int want = (int)Math.Min(bytes.Length, _length - from);
                int got = 0;
                lock (_stream)
                {
                    _stream.Position = from;
                    for (int r; got < want && (r = _stream.Read(bytes, got, want - got)) > 0;) got += r;
                }
                if (got < want) return false;
                // The first chunk starts at the file's first character (after the byte order mark): a continuation byte
                // there is the decoder's error to find.
                start = k == 0 ? 0 : CharacterStart(bytes, 0, got);
                end = got <= StreamChunk ? got : CharacterStart(bytes, StreamChunk, got);
                return start >= 0 && end >= 0 && start <= end;
            }

            /// <summary>The first offset from <paramref name="at"/> that is not a UTF-8 continuation byte (10xxxxxx); -1 past three.</summary>
            private static int CharacterStart(byte[] bytes, int at, int count)
            {
                for (int i = at; i < count && i < at + 4; i++)
                {
                    if ((bytes[i] & 0xC0) != 0x80) return i;
                }
                return count - at < 4 ? count : -1;
            }
        }
    }
}
