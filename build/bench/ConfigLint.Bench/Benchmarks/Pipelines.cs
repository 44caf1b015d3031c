using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using ConfigLint.Rules;
using Newtonsoft.Json;

namespace ConfigLint.Bench.Benchmarks
{
    /// <summary>A corpus preloaded as bytes, with the paths the CLI would show (folder names matter to typing).</summary>
    public sealed class LoadedCorpus
    {
        public LoadedCorpus(string directory)
        {
            var root = Path.GetFullPath(directory);
            var corpus = Path.Combine(root, "corpus");
            if (Directory.Exists(corpus)) root = corpus;
            var files = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
            Paths = files.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).ToArray();
            Bytes = files.Select(File.ReadAllBytes).ToArray();
            TotalBytes = Bytes.Sum(b => (long)b.Length);
        }

        public string[] Paths { get; }
        public byte[][] Bytes { get; }
        public long TotalBytes { get; }
        public int Count => Paths.Length;
    }

    /// <summary>
    /// The four pipelines, each over one file's bytes. Every one starts from the bytes and decodes them, because
    /// files arrive as UTF-8, UTF-8 with BOM and UTF-16 LE; each returns a count so nothing is optimized away.
    /// </summary>
    public static class Pipelines
    {
        /// <summary>Newtonsoft's streaming reader, configured as ConfigLint configures it, reading every token.</summary>
        public static long NewtonsoftReadThrough(byte[] bytes)
        {
            using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            long tokens = 0;
            while (reader.Read()) tokens++;
            return tokens;
        }

        /// <summary>System.Text.Json's reader; UTF-16 files are transcoded to UTF-8 first, as a real user of it must.</summary>
        public static long StjReadThrough(byte[] bytes)
        {
            ReadOnlySpan<byte> utf8 = bytes;
            byte[]? transcoded = null;
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                transcoded = Encoding.UTF8.GetBytes(Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2));
                utf8 = transcoded;
            }
            else if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                utf8 = utf8.Slice(3);
            }
            var reader = new System.Text.Json.Utf8JsonReader(utf8, new System.Text.Json.JsonReaderOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
            long tokens = 0;
            while (reader.Read()) tokens++;
            return tokens;
        }

        /// <summary>
        /// ConfigLint's load and normalize: decode (ASCII and UTF-16 text read in place, as the engine does), build the light tree, split into resources, type them, and extract
        /// every setting occurrence in every form. Everything the engine does before it evaluates a rule.
        /// </summary>
        public static long LoadAndNormalize(RulePack pack, string path, byte[] bytes)
        {
            var decoded = TextDecoder.DecodeInPlace(bytes);
            if (!decoded.IsReadable) return 0;
            var document = JsonParser.Parse(decoded.ToSource(path), out _, pack.Shape);
            if (document == null || pack.Typer.ClassifyDocument(document) == DocumentRole.Companion) return 0;
            long occurrences = 0;
            foreach (var candidate in pack.Typer.Split(document).Candidates)
            {
                var typed = pack.Typer.InferType(candidate);
                var resource = new Resource(document, candidate.Node, typed?.Type, typed?.Evidence ?? TypeEvidence.Unknown, candidate.Collection, pack.Typer.NameProperties(typed?.Type));
                foreach (var extractor in pack.Extractors)
                {
                    foreach (var _ in extractor.Extract(resource)) occurrences++;
                }
                occurrences++;
            }
            return occurrences;
        }

        /// <summary>Runs <paramref name="body"/> over every file on one core or on <paramref name="cores"/> workers, as the CLI does.</summary>
        public static long ForEachFile(LoadedCorpus corpus, int cores, Func<int, long> body)
        {
            if (cores <= 1)
            {
                long sum = 0;
                for (int i = 0; i < corpus.Count; i++) sum += body(i);
                return sum;
            }
            long total = 0;
            Parallel.For(0, corpus.Count, new ParallelOptions { MaxDegreeOfParallelism = cores }, () => 0L, (i, _, local) => local + body(i), local => Interlocked.Add(ref total, local));
            return total;
        }

        /// <summary>
        /// The whole engine with every rule, tenant rules included, driven as the CLI drives it: <see cref="LintPipeline"/>
        /// over the files in path order, results handed over in order, each tenant completed when its folder is done.
        /// Returns the number of findings.
        /// </summary>
        public static long FullEngine(LintEngine engine, LoadedCorpus corpus, int cores, out int resources)
        {
            var counter = new Counter();
            var inputs = Enumerable.Range(0, corpus.Count).Select(i => new LintInput(corpus.Paths[i], () => corpus.Bytes[i]));
            LintPipeline.Run(engine.StartRun(), inputs, Math.Max(1, cores), counter);
            resources = counter.Resources;
            return counter.Findings;
        }

        private sealed class Counter : ILintListener
        {
            public long Findings;
            public int Resources;

            public void FileLinted(FileResult result)
            {
                Findings += result.Findings.Count;
                Resources += result.ResourceCount;
            }

            public void ScopeCompleted(string scope, IReadOnlyList<Finding> findings) => Findings += findings.Count;
        }
    }
}
