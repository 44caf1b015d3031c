using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ConfigLint.Bench.Generator
{
    /// <summary>
    /// <c>configlint-bench generate --single-page --size 100MB --out DIR [--seed N]</c>: writes one Graph collection page,
    /// <c>DIR/corpus/graph/deviceConfigurations-page.json</c> (<c>{"@odata.context":…,"value":[…],"@odata.nextLink":…}</c>,
    /// UTF-8, 2-space indented), holding resources of every kind of the corpus generator until the file reaches the size.
    /// It measures a big file spread over the cores: the elements of a page are independent resources.
    /// </summary>
    public static class SinglePageCommand
    {
        /// <summary>Resources near the size Graph pages of Settings Catalog and device configuration policies have.</summary>
        private const int MinResourceChars = 5_000;
        private const int MaxResourceChars = 40_000;

        public static int Run(string output, long bytes, int seed)
        {
            var corpus = Path.Combine(output, "corpus");
            if (Directory.Exists(corpus)) Directory.Delete(corpus, recursive: true);
            var folder = Path.Combine(corpus, "graph");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "deviceConfigurations-page.json");

            var watch = Stopwatch.StartNew();
            var rng = new Random(seed);
            var factory = new ResourceFactory(rng);
            var kinds = new (string Kind, double Weight)[] { ("settingsCatalog", 0.4), ("legacy", 0.2), ("omaUri", 0.1), ("compliance", 0.15), ("mam", 0.15) };
            var checks = new SortedDictionary<string, int>(StringComparer.Ordinal);
            int resources = 0;
            var utf8 = new UTF8Encoding(false);
            using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new StreamWriter(stream, utf8))
            {
                writer.NewLine = "\n";
                writer.Write("{\n  \"@odata.context\": \"https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations\",\n  \"value\": [");
                while (true)
                {
                    writer.Flush();
                    if (stream.Length >= bytes && resources > 0) break;
                    var r = factory.Create(Pick(rng, kinds), risky: rng.NextDouble() < CorpusGenerator.RiskyShare);
                    string item = Pad(r, factory, rng, (int)Math.Exp(Math.Log(MinResourceChars) + rng.NextDouble() * (Math.Log(MaxResourceChars) - Math.Log(MinResourceChars))));
                    writer.Write(resources == 0 ? "\n" : ",\n");
                    // The page's elements are indented one level deeper than a file of their own.
                    writer.Write(Indent(item.TrimEnd('\n'), "    "));
                    foreach (var c in r.Risks) checks[c] = checks.TryGetValue(c, out var n) ? n + 1 : 1;
                    resources++;
                }
                writer.Write("\n  ],\n  \"@odata.nextLink\": \"https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations?$skiptoken=" + rng.Guid() + "\"\n}\n");
            }
            watch.Stop();
            long written = new FileInfo(file).Length;
            File.WriteAllText(Path.Combine(output, "manifest.json"),
                "{\n  \"seed\": " + seed.ToString(CultureInfo.InvariantCulture) + ",\n  \"singlePage\": true,\n  \"resources\": " + resources.ToString(CultureInfo.InvariantCulture)
                + ",\n  \"files\": 1,\n  \"bytes\": " + written.ToString(CultureInfo.InvariantCulture) + ",\n  \"checks\": {"
                + string.Join(",", checks.Select(c => $"\n    \"{c.Key}\": {c.Value.ToString(CultureInfo.InvariantCulture)}")) + "\n  }\n}\n");
            Console.WriteLine($"generated {resources} resources in 1 page ({written / 1e6:F1} MB) at {file} in {watch.Elapsed.TotalSeconds:F1} s");
            return 0;
        }

        /// <summary>Parses sizes such as <c>100MB</c>, <c>512KB</c>, <c>1GB</c> or a plain byte count (decimal units).</summary>
        public static long ParseSize(string text)
        {
            text = text.Trim();
            long unit = 1;
            foreach (var (suffix, factor) in new[] { ("GB", 1_000_000_000L), ("MB", 1_000_000L), ("KB", 1_000L), ("B", 1L) })
            {
                if (!text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
                unit = factor;
                text = text.Substring(0, text.Length - suffix.Length);
                break;
            }
            return (long)(double.Parse(text, CultureInfo.InvariantCulture) * unit);
        }

        private static string Pick(Random rng, (string Kind, double Weight)[] table)
        {
            double p = rng.NextDouble() * table.Sum(t => t.Weight);
            foreach (var (kind, weight) in table)
            {
                if (p < weight) return kind;
                p -= weight;
            }
            return table[table.Length - 1].Kind;
        }

        /// <summary>The resource as a page element (always with its type, as pages of a polymorphic set have), padded towards the target.</summary>
        private static string Pad(GeneratedResource r, ResourceFactory factory, Random rng, int target)
        {
            string Render()
            {
                if (r.Kind == "settingsCatalog")
                {
                    // Filler settings get their ids and count as the corpus generator numbers them.
                    var settings = (List<object?>)r.Body.Props.First(p => p.Key == "settings").Value!;
                    for (int i = 0; i < settings.Count; i++) ((JObj)settings[i]!).Props[0] = new KeyValuePair<string, object?>("id", i.ToString(CultureInfo.InvariantCulture));
                    int count = r.Body.Props.FindIndex(p => p.Key == "settingCount");
                    if (count >= 0) r.Body.Props[count] = new KeyValuePair<string, object?>("settingCount", settings.Count);
                }
                var o = new JObj();
                o.Props.AddRange(r.Body.Props);
                o.Insert(0, "@odata.type", "#microsoft.graph." + r.Type);
                return JsonWriter.Write(o, TextStyle.Indented2);
            }

            string text = Render();
            Action? add = null;
            if (r.FillerProperty != null)
            {
                var list = (List<object?>)r.Body.Props.First(p => p.Key == r.FillerProperty).Value!;
                add = () => list.Add(r.Filler!(rng));
            }
            else if (r.Kind == "legacy")
            {
                int filler = 0;
                add = () => factory.AddLegacyFiller(r.Body, filler++);
            }
            // Two rounds of "measure one item, add what is missing": near the target without rendering per item.
            for (int round = 0; add != null && round < 3 && text.Length < target * 0.9; round++)
            {
                int before = text.Length;
                add();
                text = Render();
                double perItem = Math.Max(20, text.Length - before);
                int n = (int)Math.Min(2000, Math.Max(0, (target - text.Length) / perItem));
                for (int i = 0; i < n; i++) add();
                text = Render();
            }
            return text;
        }

        private static string Indent(string text, string prefix) => prefix + text.Replace("\n", "\n" + prefix);
    }
}
