using System;
using System.Threading;

namespace ConfigLint.Cli
{
    /// <summary>
    /// Keeps a long run's memory flat: a background gen-2 collection after every 8 MB of input read.
    /// </summary>
    /// <remarks>
    /// What survives a gen-1 collection in a lint run is mostly the files in flight (their trees and findings), promoted
    /// into gen 2 and dead right after. The collector sweeps gen 2 when its own budget is spent, late for a heap whose
    /// live part is a few megabytes: the peak memory of a 20x benchmark run grew with the corpus (build/bench/RESULTS.md,
    /// "Fourth round of 2026-11-29"). A background collection of such a heap costs a few milliseconds of another thread
    /// and does not stop the workers. Measured on the 20x corpus (38,000 files, 620 MB): a sweep every 8 MB (about 500
    /// files) took the native tool's peak from about 50 to 44 MB at no measurable CPU cost, as well as every 2 or 4 MB
    /// did; pacing by gen-1 collections instead cost about a tenth more CPU for less. By bytes, not files, so that a
    /// corpus of large files is paced as often for what it reads. Not in the engine: the analyzer runs inside the
    /// compiler, whose collections are not ConfigLint's to schedule.
    /// </remarks>
    internal sealed class CollectionPacer
    {
        private const long BytesPerSweep = 8 << 20;
        private long _sinceSweep;

        /// <summary>Counts <paramref name="bytes"/> read; any thread.</summary>
        public void Read(long bytes)
        {
            if (Interlocked.Add(ref _sinceSweep, bytes) < BytesPerSweep) return;
            // One of the threads that crossed the mark sweeps; the others see the count already reset.
            if (Interlocked.Exchange(ref _sinceSweep, 0) < BytesPerSweep) return;
            GC.Collect(2, GCCollectionMode.Forced, blocking: false, compacting: false);
        }
    }
}
