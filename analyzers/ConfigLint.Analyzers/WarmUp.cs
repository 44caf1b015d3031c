using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConfigLint.Analyzers
{
    /// <summary>
    /// Builds the rule catalog and runs a whole lint session over a small built-in export on a thread of its own as soon
    /// as the compiler creates the analyzer. A command-line compiler creates its analyzers long before it hands them a
    /// compilation, and spends that time on one thread; building the pack and compiling the code of a session (it is
    /// uncompiled in a fresh compiler process) then happen on the idle core instead of ahead of the first file.
    /// A host that keeps the analyzer (the compiler server, the IDE) pays for this once.
    /// </summary>
    internal static class WarmUp
    {
        /// <summary>The export linted: the repository's sample tenant, embedded by the project file (README command 1 lints it).</summary>
        internal const string ResourcePrefix = "ConfigLint.WarmUp/";

        /// <summary>The folder the embedded files pretend to be in (the session's project folder); no file is read from it.</summary>
        internal const string Root = "/configlint-warm-up";

        private static Task<IReadOnlyList<Diagnostic>>? _started;

        /// <summary>The warm-up's task once started (its diagnostics are the sample's, which a test checks).</summary>
        internal static Task<IReadOnlyList<Diagnostic>>? Started => Volatile.Read(ref _started);

        /// <summary>Starts the warm-up once per process; later calls return the same task.</summary>
        public static Task<IReadOnlyList<Diagnostic>> Start()
        {
            var started = Volatile.Read(ref _started);
            if (started != null) return started;
            var source = new TaskCompletionSource<IReadOnlyList<Diagnostic>>(TaskCreationOptions.RunContinuationsAsynchronously);
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
                    // Only the head start is lost: the compilation's own session meets the same failure and reports it (CL9001).
                    source.SetException(ex);
                }
            }) { IsBackground = true, Name = "ConfigLint warm-up" }.Start();
            return source.Task;
        }

        /// <summary>
        /// Lints the embedded sample as a compilation would: a session over the files as AdditionalFiles of a project in
        /// <see cref="Root"/>, each file's callback, then the compilation end.
        /// </summary>
        internal static IReadOnlyList<Diagnostic> LintSample()
        {
            var files = ImmutableArray.CreateBuilder<AdditionalText>();
            var assembly = typeof(WarmUp).Assembly;
            foreach (var name in assembly.GetManifestResourceNames())
            {
                if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                var text = reader.ReadToEnd();
                // The resource keeps the folder separator of the machine that built it.
                files.Add(new InMemoryAdditionalText(Root + "/" + name.Substring(ResourcePrefix.Length).Replace('\\', '/'), SourceText.From(text, reader.CurrentEncoding)));
            }
            var options = new AnalyzerOptions(files.ToImmutable(), ProjectOptions);
            var session = new LintSession(RuleCatalog.Instance, options, CancellationToken.None);
            var diagnostics = new List<Diagnostic>();
            foreach (var file in options.AdditionalFiles) session.AnalyzeFile(file, diagnostics.Add, CancellationToken.None);
            session.Complete(diagnostics.Add, CancellationToken.None);
            return diagnostics;
        }

        /// <summary>A project in <see cref="Root"/> with no configuration: every rule at its default severity.</summary>
        private static readonly GlobalOnlyOptionsProvider ProjectOptions =
            new GlobalOnlyOptionsProvider(new Dictionary<string, string> { [LintSession.ProjectDirectoryKey] = Root });
    }
}
