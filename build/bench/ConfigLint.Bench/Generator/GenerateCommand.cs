using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;

namespace ConfigLint.Bench.Generator
{
    /// <summary>
    /// <c>configlint-bench generate --out DIR [--scale 1] [--seed 20260501] [--shape synthetic|real]</c>: writes <c>DIR/corpus/**</c>, the
    /// statistics in <c>DIR/manifest.json</c> and the ground truth in <c>DIR/expected.tsv</c> (file, check, count).
    /// The manifest and ground truth sit beside the corpus, not in it, so that no linter reads them as input.
    /// </summary>
    public static class GenerateCommand
    {
        public const int DefaultSeed = 20260501;

        public static int Run(string output, double scale, int seed, CorpusGenerator.Shape shape = CorpusGenerator.Shape.Synthetic)
        {
            var corpus = Path.Combine(output, "corpus");
            if (Directory.Exists(corpus)) Directory.Delete(corpus, recursive: true);
            Directory.CreateDirectory(corpus);

            var watch = Stopwatch.StartNew();
            var generator = new CorpusGenerator(seed, scale, shape);
            var files = generator.Generate(corpus);
            watch.Stop();

            WriteExpected(Path.Combine(output, "expected.tsv"), files);
            var manifest = Manifest(files, seed, scale);
            manifest["shape"] = shape == CorpusGenerator.Shape.Real ? "real" : "synthetic";
            File.WriteAllText(Path.Combine(output, "manifest.json"), JsonConvert.SerializeObject(manifest, Formatting.Indented) + "\n");
            Console.WriteLine($"generated {manifest["resources"]} resources in {manifest["files"]} files ({(long)manifest["bytes"]! / 1e6:F1} MB) under {corpus} in {watch.Elapsed.TotalSeconds:F1} s");
            return 0;
        }

        private static void WriteExpected(string path, List<CorpusGenerator.WrittenFile> files)
        {
            var sb = new StringBuilder("path\tcheck\tcount\n");
            foreach (var file in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
            {
                foreach (var g in file.Resources.SelectMany(r => r.Risks).GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    sb.Append(file.RelativePath).Append('\t').Append(g.Key).Append('\t').Append(g.Count().ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
            File.WriteAllText(path, sb.ToString());
        }

        private static Dictionary<string, object?> Manifest(List<CorpusGenerator.WrittenFile> files, int seed, double scale)
        {
            var resources = files.SelectMany(f => f.Resources).ToList();
            var sizes = files.Where(f => !f.Companion).Select(f => f.Bytes).OrderBy(b => b).ToList();
            long Percentile(double p) => sizes.Count == 0 ? 0 : sizes[Math.Min(sizes.Count - 1, (int)(p * sizes.Count))];
            return new Dictionary<string, object?>
            {
                ["seed"] = seed,
                ["scale"] = scale,
                ["resources"] = resources.Count,
                ["riskyResources"] = resources.Count(r => r.Risks.Any(c => !c.EndsWith("-missing", StringComparison.Ordinal) && c != Checks.BrandingNoPrivacy)),
                ["files"] = files.Count,
                ["companionFiles"] = files.Count(f => f.Companion),
                ["bytes"] = files.Sum(f => f.Bytes),
                ["fileBytes"] = new Dictionary<string, long>
                {
                    ["min"] = sizes.FirstOrDefault(), ["p10"] = Percentile(0.1), ["p50"] = Percentile(0.5), ["p90"] = Percentile(0.9), ["max"] = sizes.LastOrDefault(),
                },
                ["byKind"] = Count(resources.Select(r => r.Kind)),
                ["byType"] = Count(resources.Select(r => r.Type)),
                ["byTool"] = Count(files.Select(f => f.Tool.ToString())),
                ["filesByEncoding"] = Count(files.Select(f => f.Encoding.ToString())),
                ["bytesByEncoding"] = files.GroupBy(f => f.Encoding.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(f => f.Bytes)),
                ["checks"] = Count(resources.SelectMany(r => r.Risks)),
            };
        }

        private static SortedDictionary<string, int> Count(IEnumerable<string> keys)
        {
            var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var k in keys) result[k] = result.TryGetValue(k, out var n) ? n + 1 : 1;
            return result;
        }
    }
}
