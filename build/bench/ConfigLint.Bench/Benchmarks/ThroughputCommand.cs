using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Text;
using ConfigLint.Core.Engine;
using ConfigLint.Rules;

namespace ConfigLint.Bench.Benchmarks
{
    /// <summary>
    /// Stopwatch harness for the ratio targets: each pipeline over the whole preloaded corpus on 1 and 2 cores,
    /// warm-up passes first, then the median of N passes, with allocations and GC counts per pass.
    /// BenchmarkDotNet (the <c>bdn</c> command) measures the same methods with its own statistics; this one is quick
    /// enough to run on every change and prints the ratios the issue asks for.
    /// </summary>
    public static class ThroughputCommand
    {
        public sealed class Row
        {
            public string Pipeline = "";
            public int Cores;
            public double MedianSeconds;
            public double MinSeconds;
            public double MBps;
            public double ResourcesPerSecond;
            public double AllocatedMBPerPass;
            public double Gen0PerPass;
            public double Gen2PerPass;
            public double GcPausePercent;
            public double CpuPerWall;
        }

        /// <summary>The machine is shared with other builds; the load average says how quiet it was.</summary>
        public static string LoadAverage()
        {
            try
            {
                return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
            }
            catch (IOException)
            {
                return "n/a";
            }
        }

        /// <summary>
        /// The full engine on one core with every rule, without each tenant rule in turn, and without any: tenant
        /// rules see every resource of the run, so one that does per-setting work shows up here first.
        /// </summary>
        /// <summary>The same pack with some tenant rules left out.</summary>
        internal static RulePack WithoutTenantRules(RulePack full, Func<TenantRule, bool> drop)
        {
            var declarative = new ConfigLint.Core.Rules.LoadedPack();
            declarative.Settings.AddRange(full.Settings);
            declarative.Rules.AddRange(full.DeclarativeRules);
            declarative.Options.AddRange(full.Options);
            return new RulePack(full.Typer, full.Extractors, declarative, full.ResourceRules, full.TenantRules.Where(t => !drop(t)), full.Shape);
        }

        private static List<(string Name, double Ms, double? Delta)> TenantRuleBreakdown(LoadedCorpus corpus, RulePack full, int rounds)
        {
            RulePack Without(Func<TenantRule, bool> drop) => WithoutTenantRules(full, drop);
            var engines = new List<(string Name, LintEngine Engine)> { ("all rules", new LintEngine(full)) };
            foreach (var rule in full.TenantRules)
            {
                engines.Add(($"without {rule.GetType().Name} ({rule.Descriptors[0].Id})", new LintEngine(Without(t => ReferenceEquals(t, rule)))));
            }
            engines.Add(("without any tenant rule", new LintEngine(Without(_ => true))));
            foreach (var (_, engine) in engines) Pipelines.FullEngine(engine, corpus, 1, out _);
            var times = engines.Select(_ => new List<double>()).ToList();
            for (int r = 0; r < rounds; r++)
            {
                for (int k = 0; k < engines.Count; k++)
                {
                    var watch = Stopwatch.StartNew();
                    Pipelines.FullEngine(engines[k].Engine, corpus, 1, out _);
                    times[k].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            var medians = times.Select(t => t.OrderBy(x => x).ElementAt(t.Count / 2)).ToList();
            var result = new List<(string, double, double?)>();
            Console.WriteLine("tenant rule cost (full engine, 1 core, median ms):");
            for (int k = 0; k < engines.Count; k++)
            {
                double? delta = k == 0 ? null : medians[k] - medians[0];
                result.Add((engines[k].Name, medians[k], delta));
                Console.WriteLine($"  {engines[k].Name,-60} {medians[k],8:F1} ms{(delta == null ? "" : $" ({delta:+0.0;-0.0} ms)")}");
            }
            return result;
        }

        public static int Run(string corpusDirectory, int rounds, string? markdownPath)
        {
            var corpus = new LoadedCorpus(corpusDirectory);
            var engine = new LintEngine(IntunePack.Create());
            var pack = engine.Pack;
            int resources = 0;
            long findings = Pipelines.FullEngine(engine, corpus, 1, out resources);
            Console.WriteLine($"load average before: {LoadAverage()}");
            Console.WriteLine($"corpus: {corpus.Count} files, {corpus.TotalBytes / 1e6:F2} MB, {resources} resources, {findings} findings; GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, concurrent={GCSettings.LatencyMode != GCLatencyMode.Batch}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");

            var withoutTenantRules = new LintEngine(WithoutTenantRules(pack, _ => true));
            var pipelines = new (string Name, Func<int, long> Pass)[]
            {
                ("Newtonsoft JsonTextReader read-through", cores => Pipelines.ForEachFile(corpus, cores, i => Pipelines.NewtonsoftReadThrough(corpus.Bytes[i]))),
                ("STJ Utf8JsonReader read-through", cores => Pipelines.ForEachFile(corpus, cores, i => Pipelines.StjReadThrough(corpus.Bytes[i]))),
                ("ConfigLint load + normalize", cores => Pipelines.ForEachFile(corpus, cores, i => Pipelines.LoadAndNormalize(pack, corpus.Paths[i], corpus.Bytes[i]))),
                ("ConfigLint full engine (all rules)", cores => Pipelines.FullEngine(engine, corpus, cores, out _)),
                // Tenant rules see every resource of a run and keep state across files; this line separates their cost.
                ("ConfigLint engine without tenant rules", cores => Pipelines.FullEngine(withoutTenantRules, corpus, cores, out _)),
            };

            // Rounds interleave the cases (every case once per round), so a burst of load from another process on this
            // shared machine hits all cases alike; the ratio target is the median of per-round ratios.
            var cases = pipelines.SelectMany(p => new[] { 1, 2 }.Select(c => (p.Name, Cores: c, p.Pass))).ToList();
            foreach (var c in cases)
            {
                for (int w = 0; w < 3; w++) c.Pass(c.Cores);
            }
            var times = cases.Select(_ => new List<double>()).ToList();
            var allocated = new long[cases.Count];
            var gen0 = new int[cases.Count];
            var gen2 = new int[cases.Count];
            var pause = new double[cases.Count];
            var cpu = new double[cases.Count];
            var process = Process.GetCurrentProcess();
            for (int r = 0; r < rounds; r++)
            {
                for (int k = 0; k < cases.Count; k++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    long a0 = GC.GetTotalAllocatedBytes(true);
                    int g0 = GC.CollectionCount(0), g2 = GC.CollectionCount(2);
                    var p0 = GC.GetTotalPauseDuration();
                    process.Refresh();
                    var c0 = process.TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    cases[k].Pass(cases[k].Cores);
                    watch.Stop();
                    process.Refresh();
                    cpu[k] += (process.TotalProcessorTime - c0).TotalSeconds;
                    pause[k] += (GC.GetTotalPauseDuration() - p0).TotalSeconds;
                    times[k].Add(watch.Elapsed.TotalSeconds);
                    allocated[k] += GC.GetTotalAllocatedBytes(true) - a0;
                    gen0[k] += GC.CollectionCount(0) - g0;
                    gen2[k] += GC.CollectionCount(2) - g2;
                }
            }

            var rows = new List<Row>();
            for (int k = 0; k < cases.Count; k++)
            {
                var sorted = times[k].OrderBy(t => t).ToList();
                double median = sorted[sorted.Count / 2];
                var row = new Row
                {
                    Pipeline = cases[k].Name,
                    Cores = cases[k].Cores,
                    MedianSeconds = median,
                    MinSeconds = sorted[0],
                    MBps = corpus.TotalBytes / 1e6 / median,
                    ResourcesPerSecond = resources / median,
                    AllocatedMBPerPass = allocated[k] / 1e6 / rounds,
                    Gen0PerPass = (double)gen0[k] / rounds,
                    Gen2PerPass = (double)gen2[k] / rounds,
                    GcPausePercent = 100 * pause[k] / times[k].Sum(),
                    CpuPerWall = cpu[k] / times[k].Sum(),
                };
                rows.Add(row);
                Console.WriteLine($"  {row.Pipeline,-40} {row.Cores} core(s): {row.MBps,8:F1} MB/s  {row.ResourcesPerSecond,9:F0} resources/s  (median {median * 1000:F1} ms, best {sorted[0] * 1000:F1} ms = {corpus.TotalBytes / 1e6 / sorted[0]:F0} MB/s; {row.AllocatedMBPerPass:F0} MB allocated, {row.Gen0PerPass:F1} gen0 / {row.Gen2PerPass:F1} gen2 GCs per pass, GC pauses {row.GcPausePercent:F0}% of wall, CPU/wall {row.CpuPerWall:F2})");
            }
            int engine2 = cases.FindIndex(c => c.Name.StartsWith("ConfigLint full", StringComparison.Ordinal) && c.Cores == 2);
            int reader2 = cases.FindIndex(c => c.Name.StartsWith("Newtonsoft", StringComparison.Ordinal) && c.Cores == 2);
            var perRound = Enumerable.Range(0, rounds).Select(r => times[reader2][r] / times[engine2][r]).OrderBy(x => x).ToList();
            double roundRatio = perRound[perRound.Count / 2];

            double Rate(string prefix, int cores) => rows.First(r => r.Pipeline.StartsWith(prefix, StringComparison.Ordinal) && r.Cores == cores).MBps;
            double ratio = Rate("ConfigLint full", 2) / Rate("Newtonsoft", 2);
            double bestRatio = rows.First(r => r.Pipeline.StartsWith("Newtonsoft", StringComparison.Ordinal) && r.Cores == 2).MinSeconds / rows.First(r => r.Pipeline.StartsWith("ConfigLint full", StringComparison.Ordinal) && r.Cores == 2).MinSeconds;
            Console.WriteLine($"target: full engine on 2 cores / JsonTextReader read-through on 2 cores = {roundRatio:P0} median of per-round ratios ({ratio:P0} from medians, {bestRatio:P0} from best passes; target >= 50%)");
            int bare2 = cases.FindIndex(c => c.Name.StartsWith("ConfigLint engine without", StringComparison.Ordinal) && c.Cores == 2);
            var bareRounds = Enumerable.Range(0, rounds).Select(r => times[reader2][r] / times[bare2][r]).OrderBy(x => x).ToList();
            double bareRatio = bareRounds[bareRounds.Count / 2];
            Console.WriteLine($"the same without tenant rules: {bareRatio:P0} median of per-round ratios");
            Console.WriteLine($"scaling 1 -> 2 cores: JsonTextReader {Rate("Newtonsoft", 2) / Rate("Newtonsoft", 1):F2}x, STJ {Rate("STJ", 2) / Rate("STJ", 1):F2}x, load+normalize {Rate("ConfigLint load", 2) / Rate("ConfigLint load", 1):F2}x, full engine {Rate("ConfigLint full", 2) / Rate("ConfigLint full", 1):F2}x");

            var breakdown = TenantRuleBreakdown(corpus, pack, rounds);
            Console.WriteLine($"load average after: {LoadAverage()}");
            if (markdownPath != null)
            {
                var sb = new StringBuilder();
                sb.AppendLine($"Corpus: {corpus.Count} files, {corpus.TotalBytes / 1e6:F2} MB, {resources} resources. Median of {rounds} passes after 2 warm-up passes; {(GCSettings.IsServerGC ? "server" : "workstation")} GC, .NET {Environment.Version}.");
                sb.AppendLine();
                sb.AppendLine("| Pipeline | Cores | MB/s (median) | MB/s (best) | resources/s | median ms | allocated MB/pass | gen0 GCs/pass | GC pause % | CPU/wall |");
                sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                foreach (var r in rows)
                {
                    sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:F0} | {3:F0} | {4:F0} | {5:F1} | {6:F0} | {7:F1} | {8:F0} | {9:F2} |", r.Pipeline, r.Cores, r.MBps, corpus.TotalBytes / 1e6 / r.MinSeconds, r.ResourcesPerSecond, r.MedianSeconds * 1000, r.AllocatedMBPerPass, r.Gen0PerPass, r.GcPausePercent, r.CpuPerWall));
                }
                sb.AppendLine();
                sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "Full engine on 2 cores / JsonTextReader read-through on 2 cores: **{0:P0}** (median of the {1} per-round ratios; {2:P0} from the medians, {3:P0} from the best passes; target ≥ 50%). Without tenant rules: {4:P0}.", roundRatio, rounds, ratio, bestRatio, bareRatio));
                sb.AppendLine();
                sb.AppendLine("Cost of each tenant rule (full engine on 1 core, median of the rounds, with and without the rule):");
                sb.AppendLine();
                sb.AppendLine("| Engine | median ms | MB/s | difference ms |");
                sb.AppendLine("|---|---:|---:|---:|");
                foreach (var (name, ms, delta) in breakdown)
                {
                    sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:F1} | {2:F0} | {3} |", name, ms, corpus.TotalBytes / 1e6 / (ms / 1000), delta == null ? "" : delta.Value.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)));
                }
                File.WriteAllText(markdownPath, sb.ToString());
            }
            return 0;
        }
    }
}
