using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Analyzers
{
    /// <summary>
    /// Builds the rule catalog and lints a small built-in export on a thread of its own as soon as the compiler
    /// creates the analyzer. A command-line compiler creates its analyzers long before it hands them a compilation,
    /// and spends that time on one thread; building the pack and compiling the engine's code (it runs unoptimized
    /// and uncompiled in a fresh compiler process) then happen on the idle core instead of ahead of the first file.
    /// A host that keeps the analyzer (the compiler server, the IDE) pays for this once.
    /// </summary>
    internal static class WarmUp
    {
        /// <summary>The export linted: the repository's sample tenant, embedded by the project file (README command 1 lints it).</summary>
        internal const string ResourcePrefix = "ConfigLint.WarmUp/";

        private static Task<IReadOnlyList<Finding>>? _started;

        /// <summary>The warm-up's task once started (its findings are the sample's, which a test checks).</summary>
        internal static Task<IReadOnlyList<Finding>>? Started => Volatile.Read(ref _started);

        /// <summary>Starts the warm-up once per process; later calls return the same task.</summary>
        public static Task<IReadOnlyList<Finding>> Start()
        {
            var started = Volatile.Read(ref _started);
            if (started != null) return started;
            var source = new TaskCompletionSource<IReadOnlyList<Finding>>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref _started, source.Task, null) != null) return _started!;
            // A thread of its own, not the pool's: the compiler's thread pool is about to be busy with its own work.
            new Thread(() =>
            {
                try
                {
                    source.SetResult(LintSample());
                }
                catch (Exception ex)
                {
                    // Only the head start is lost: the compilation's own lint meets the same failure and reports it (CL9001).
                    source.SetException(ex);
                }
            }) { IsBackground = true, Name = "ConfigLint warm-up" }.Start();
            return source.Task;
        }

        /// <summary>Lints the embedded sample as the analyzer lints a file (Roslyn's text and encoding), tenant rules included.</summary>
        internal static IReadOnlyList<Finding> LintSample()
        {
            var engine = RuleCatalog.Instance.Engine;
            if (engine == null) return Array.Empty<Finding>();
            var run = engine.StartRun();
            var findings = new List<Finding>();
            var assembly = typeof(WarmUp).Assembly;
            foreach (var name in assembly.GetManifestResourceNames())
            {
                if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                var text = reader.ReadToEnd();
                // The resource keeps the folder separator of the machine that built it.
                var path = name.Substring(ResourcePrefix.Length).Replace('\\', '/');
                findings.AddRange(run.LintDecoded(path, TextDecoder.DecodeHostText(text, reader.CurrentEncoding)).Findings);
            }
            findings.AddRange(run.Complete());
            return findings;
        }
    }
}
