using System;
using System.Globalization;
using ConfigLint.Bench.Benchmarks;
using ConfigLint.Bench.Generator;

namespace ConfigLint.Bench
{
    /// <summary>
    /// configlint-bench generate --out DIR [--scale X] [--seed N] [--shape synthetic|real]   write a synthetic tenant corpus
    ///                                                               (real: shaped like a real config repository, 340 files at 1x)
    /// configlint-bench generate --single-page --out DIR [--size 100MB] [--seed N]   one big Graph value[] page
    /// configlint-bench throughput --corpus DIR [--rounds N]         Stopwatch MB/s on 1 and 2 cores (the ratio target)
    /// configlint-bench bdn --corpus DIR [BenchmarkDotNet args]      the same pipelines under BenchmarkDotNet
    /// configlint-bench repeat --corpus DIR [--pipeline full|bare|load|parse] [--cores N] [--passes N] [--allocations]   one pipeline
    ///                                                               in a loop, for a profiler (perf) to sample; with
    ///                                                               --allocations, what it allocates by type
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 0) return Usage();
            string? Option(string name, string? fallback = null)
            {
                int i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }

            switch (args[0])
            {
                case "generate":
                {
                    var output = Option("--out");
                    if (output == null) return Usage();
                    int pageSeed = int.Parse(Option("--seed", GenerateCommand.DefaultSeed.ToString(CultureInfo.InvariantCulture))!, CultureInfo.InvariantCulture);
                    if (Array.IndexOf(args, "--single-page") >= 0) return SinglePageCommand.Run(output, SinglePageCommand.ParseSize(Option("--size", "100MB")!), pageSeed);
                    double scale = double.Parse(Option("--scale", "1")!, CultureInfo.InvariantCulture);
                    int seed = int.Parse(Option("--seed", GenerateCommand.DefaultSeed.ToString(CultureInfo.InvariantCulture))!, CultureInfo.InvariantCulture);
                    var shapeName = Option("--shape", "synthetic")!;
                    if (shapeName != "synthetic" && shapeName != "real")
                    {
                        Console.Error.WriteLine($"--shape: expected synthetic or real, got '{shapeName}'");
                        return 2;
                    }
                    return GenerateCommand.Run(output, scale, seed, shapeName == "real" ? CorpusGenerator.Shape.Real : CorpusGenerator.Shape.Synthetic);
                }
                case "throughput":
                {
                    var corpus = Option("--corpus");
                    if (corpus == null) return Usage();
                    int rounds = int.Parse(Option("--rounds", "7")!, CultureInfo.InvariantCulture);
                    return ThroughputCommand.Run(corpus, rounds, Option("--markdown"));
                }
                case "repeat":
                {
                    var corpus = Option("--corpus");
                    if (corpus == null) return Usage();
                    return RepeatCommand.Run(corpus, Option("--pipeline", "full")!,
                        int.Parse(Option("--cores", "1")!, CultureInfo.InvariantCulture),
                        int.Parse(Option("--passes", "50")!, CultureInfo.InvariantCulture),
                        Array.IndexOf(args, "--allocations") >= 0);
                }
                case "bdn":
                {
                    var corpus = Option("--corpus");
                    if (corpus == null) return Usage();
                    var rest = new System.Collections.Generic.List<string>();
                    for (int i = 1; i < args.Length; i++)
                    {
                        if (args[i] == "--corpus") { i++; continue; }
                        rest.Add(args[i]);
                    }
                    return BdnCommand.Run(corpus, rest.ToArray());
                }
                default:
                    return Usage();
            }
        }

        private static int Usage()
        {
            Console.Error.WriteLine("usage: configlint-bench generate --out DIR [--scale X] [--seed N] [--shape synthetic|real] | generate --single-page --out DIR [--size 100MB] [--seed N] | throughput --corpus DIR [--rounds N] [--markdown FILE] | bdn --corpus DIR [BenchmarkDotNet args] | repeat --corpus DIR [--pipeline full|bare|load|parse] [--cores N] [--passes N] [--allocations]");
            return 2;
        }
    }
}
