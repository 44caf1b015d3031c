using System;
using System.Diagnostics;
using ConfigLint.Core.Engine;
using ConfigLint.Rules;

namespace ConfigLint.Bench.Benchmarks
{
    /// <summary>
    /// One pipeline over the preloaded corpus, pass after pass: what a sampling profiler needs to see the engine's own
    /// shares without the other pipelines of <see cref="ThroughputCommand"/> in the samples.
    /// </summary>
    public static class RepeatCommand
    {
        public static int Run(string corpusDirectory, string pipeline, int cores, int passes, bool allocations)
        {
            var corpus = new LoadedCorpus(corpusDirectory);
            var engine = new LintEngine(IntunePack.Create());
            Func<long> pass;
            switch (pipeline)
            {
                case "full": pass = () => Pipelines.FullEngine(engine, corpus, cores, out _); break;
                case "bare":
                {
                    // Built once, like the full engine: a pass measures linting, not building the rule index.
                    var bare = new LintEngine(ThroughputCommand.WithoutTenantRules(engine.Pack, _ => true));
                    pass = () => Pipelines.FullEngine(bare, corpus, cores, out _);
                    break;
                }
                case "parse":
                {
                    // The JSON reader alone, over texts decoded once up front.
                    var texts = new ConfigLint.Core.Text.SourceText[corpus.Count];
                    for (int i = 0; i < corpus.Count; i++)
                    {
                        ConfigLint.Core.Text.TextDecoder.TryDecode(corpus.Bytes[i], out var text, out _, out _);
                        texts[i] = new ConfigLint.Core.Text.SourceText(corpus.Paths[i], text);
                    }
                    pass = () => Pipelines.ForEachFile(corpus, cores, i => ConfigLint.Core.Json.JsonParser.Parse(texts[i], out _, engine.Pack.Shape) == null ? 0 : 1);
                    break;
                }
                case "load": pass = () => Pipelines.ForEachFile(corpus, cores, i => Pipelines.LoadAndNormalize(engine.Pack, corpus.Paths[i], corpus.Bytes[i])); break;
                default:
                    Console.Error.WriteLine($"--pipeline: expected full, bare, load or parse, got '{pipeline}'");
                    return 2;
            }
            pass();
            using var sampler = allocations ? new AllocationSampler() : null;
            var watch = Stopwatch.StartNew();
            long allocated = GC.GetTotalAllocatedBytes(precise: false);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var block = Stopwatch.StartNew();
            for (int i = 1; i <= passes; i++)
            {
                pass();
                if (i % 10 == 0)
                {
                    Console.WriteLine($"  passes {i - 9}-{i}: {corpus.TotalBytes / 1e6 * 10 / block.Elapsed.TotalSeconds:F1} MB/s");
                    block.Restart();
                }
            }
            double seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{pipeline}, {cores} core(s), {passes} passes: {corpus.TotalBytes / 1e6 * passes / seconds:F1} MB/s, {(GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1e6 / passes:F0} MB allocated per pass, GCs per pass gen0 {(GC.CollectionCount(0) - gen0) / (double)passes:F1} gen1 {(GC.CollectionCount(1) - gen1) / (double)passes:F1} gen2 {(GC.CollectionCount(2) - gen2) / (double)passes:F2}, GC pause {GC.GetTotalPauseDuration().TotalMilliseconds / passes:F1} ms per pass");
            sampler?.Print(passes);
            return 0;
        }

        /// <summary>
        /// The runtime's allocation ticks (one event per about 100 KB allocated, naming the type of the object that crossed
        /// the mark), summed by type: a sampled picture of what a pass allocates, without an external trace parser.
        /// </summary>
        private sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
        {
            private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _bytes = new();

            protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
            {
                if (source.Name == "Microsoft-Windows-DotNETRuntime")
                    EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
            }

            public long PromotedToGen2;
            public long Gen1Collections;

            protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
            {
                if (e.EventName != null && e.EventName.StartsWith("GCHeapStats", System.StringComparison.Ordinal) && e.Payload != null)
                {
                    int at = e.PayloadNames!.IndexOf("TotalPromotedSize1");
                    if (at >= 0) { PromotedToGen2 += System.Convert.ToInt64(e.Payload[at]); Gen1Collections++; }
                    return;
                }
                if (e.EventName == null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload == null) return;
                int name = e.PayloadNames!.IndexOf("TypeName");
                int amount = e.PayloadNames.IndexOf("AllocationAmount64");
                if (name < 0 || amount < 0) return;
                _bytes.AddOrUpdate((string)e.Payload[name]!, Convert.ToInt64(e.Payload[amount]), (_, v) => v + Convert.ToInt64(e.Payload[amount]));
            }

            public void Print(int passes)
            {
                long total = 0;
                foreach (var v in _bytes.Values) total += v;
                Console.WriteLine($"promoted into gen2 (TotalPromotedSize1 summed over GCs): {PromotedToGen2 / 1e6 / passes:F2} MB per pass");
                Console.WriteLine($"allocation ticks: {total / 1e6 / passes:F1} MB per pass sampled; by type:");
                foreach (var (type, bytes) in System.Linq.Enumerable.Take(System.Linq.Enumerable.OrderByDescending(_bytes, kv => kv.Value), 25))
                    Console.WriteLine($"  {bytes / 1e6 / passes,8:F1} MB  {100.0 * bytes / total,5:F1}%  {type}");
            }
        }
    }
}
