using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ConfigLint.Core.Engine;
using ConfigLint.Rules;

namespace ConfigLint.Bench.Benchmarks
{
    /// <summary>
    /// The four pipelines under BenchmarkDotNet, one operation = the whole corpus. The corpus folder comes from
    /// <c>CONFIGLINT_BENCH_CORPUS</c> because BenchmarkDotNet constructs the class itself.
    /// </summary>
    [MemoryDiagnoser]
    public class CorpusBenchmarks
    {
        public const string CorpusVariable = "CONFIGLINT_BENCH_CORPUS";

        private LoadedCorpus _corpus = null!;
        private LintEngine _engine = null!;
        private RulePack _pack = null!;

        [Params(1, 2)]
        public int Cores { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _corpus = Shared.Corpus;
            _engine = Shared.Engine;
            _pack = _engine.Pack;
        }

        [Benchmark(Baseline = true, Description = "Newtonsoft JsonTextReader read-through")]
        public long Newtonsoft() => Pipelines.ForEachFile(_corpus, Cores, i => Pipelines.NewtonsoftReadThrough(_corpus.Bytes[i]));

        [Benchmark(Description = "STJ Utf8JsonReader read-through")]
        public long Stj() => Pipelines.ForEachFile(_corpus, Cores, i => Pipelines.StjReadThrough(_corpus.Bytes[i]));

        [Benchmark(Description = "ConfigLint load + normalize")]
        public long LoadNormalize() => Pipelines.ForEachFile(_corpus, Cores, i => Pipelines.LoadAndNormalize(_pack, _corpus.Paths[i], _corpus.Bytes[i]));

        [Benchmark(Description = "ConfigLint full engine (all rules)")]
        public long FullEngine() => Pipelines.FullEngine(_engine, _corpus, Cores, out _);

        /// <summary>Loaded once per process; the in-process toolchain runs every case in this process.</summary>
        internal static class Shared
        {
            public static readonly LoadedCorpus Corpus = new LoadedCorpus(Environment.GetEnvironmentVariable(CorpusVariable) ?? throw new InvalidOperationException(CorpusVariable + " is not set"));
            public static readonly LintEngine Engine = new LintEngine(IntunePack.Create());
        }
    }

    public static class BdnCommand
    {
        public static int Run(string corpusDirectory, string[] args)
        {
            Environment.SetEnvironmentVariable(CorpusBenchmarks.CorpusVariable, Path.GetFullPath(corpusDirectory));
            var corpus = CorpusBenchmarks.Shared.Corpus;
            Pipelines.FullEngine(CorpusBenchmarks.Shared.Engine, corpus, 1, out int resources);

            // In-process: no child project to build, so it works beside concurrent builds and private artifacts paths.
            var job = Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithWarmupCount(3)
                .WithIterationCount(15)
                .WithInvocationCount(1)
                .WithUnrollFactor(1);
            var config = ManualConfig.CreateEmpty()
                .AddJob(job)
                .AddDiagnoser(MemoryDiagnoser.Default)
                .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
                .AddLogger(DefaultConfig.Instance.GetLoggers().ToArray())
                .AddExporter(DefaultConfig.Instance.GetExporters().ToArray())
                .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "configlint-bdn"));
            var summary = BenchmarkRunner.Run<CorpusBenchmarks>(config, args);

            var sb = new StringBuilder();
            sb.AppendLine($"BenchmarkDotNet {typeof(BenchmarkRunner).Assembly.GetName().Version}, in-process, 3 warm-ups + 15 iterations of one whole-corpus operation.");
            sb.AppendLine($"Corpus: {corpus.Count} files, {corpus.TotalBytes / 1e6:F2} MB, {resources} resources.");
            sb.AppendLine();
            sb.AppendLine("| Pipeline | Cores | mean ms | MB/s | resources/s | allocated MB/op |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var report in summary.Reports.OrderBy(r => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo).ThenBy(r => r.BenchmarkCase.Parameters["Cores"]))
            {
                if (report.ResultStatistics == null) continue;
                double seconds = report.ResultStatistics.Mean / 1e9;
                double allocated = (report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0) / 1e6;
                sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:F1} | {3:F0} | {4:F0} | {5:F0} |",
                    report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo, report.BenchmarkCase.Parameters["Cores"], seconds * 1000,
                    corpus.TotalBytes / 1e6 / seconds, resources / seconds, allocated));
            }
            Console.WriteLine();
            Console.WriteLine(sb.ToString());
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "configlint-bdn", "throughput.md"), sb.ToString());
            return summary.HasCriticalValidationErrors ? 1 : 0;
        }
    }
}
