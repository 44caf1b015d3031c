using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConfigLint.Analyzers
{
    /// <summary>
    /// The sessions a command-line build starts while the compiler runs its source generators. A command-line compiler
    /// hands the same additional-file objects to generators and then to analyzers, and runs the generators (the SDK's
    /// own among them) on one thread before any analyzer sees a compilation. ConfigLint's generator
    /// (ConfigLint.EarlyStart.dll, which adds no source) calls <see cref="Start"/> with the files and options it was
    /// given; the session made here lints on the idle core meanwhile, and the analyzer takes it over at compilation start
    /// (<see cref="Take"/>, <see cref="LintSession.TryAdopt"/>).
    /// </summary>
    public static class EarlySessions
    {
        /// <summary>Early sessions by the first of their additional files, until the analyzer takes them or the files are gone.</summary>
        private static readonly ConditionalWeakTable<AdditionalText, Task<LintSession?>> Sessions = new ConditionalWeakTable<AdditionalText, Task<LintSession?>>();

        /// <summary>
        /// What the generator calls (by name: it does not reference this assembly, so that builds can leave it out).
        /// Only where the package props ask for the build's second thread (command-line builds, not the IDE's).
        /// </summary>
        public static void Start(ImmutableArray<AdditionalText> files, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
        {
            if (files.IsEmpty || !LintSession.IsParallelBuild(options)) return;
            var made = new TaskCompletionSource<LintSession?>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Sessions)
            {
                // A generator run again over the same files (not in a command-line build) replaces the earlier session.
                Sessions.Remove(files[0]);
                Sessions.Add(files[0], made.Task);
            }
            // Even the session's set-up (settings, scoped configs, packs) leaves the generators' thread.
            new Thread(() =>
            {
                LintSession? session = null;
                try
                {
                    session = new LintSession(RuleCatalog.Instance, new AnalyzerOptions(files, options), cancellationToken);
                }
                catch (Exception)
                {
                    // Never a generator failure (CS8785) in the user's build: the analyzer makes its own session and
                    // meets the same problem there, where it is reported as a diagnostic.
                }
                made.SetResult(session);
                session?.LintAheadOnThisThread();
            }) { IsBackground = true, Name = "ConfigLint early start" }.Start();
        }

        /// <summary>The early session started for these files and not yet taken (tests check the hand-over).</summary>
        internal static LintSession? Pending(AdditionalText first)
        {
            Task<LintSession?>? made;
            lock (Sessions)
            {
                if (!Sessions.TryGetValue(first, out made)) return null;
            }
            return made.Result;
        }

        /// <summary>The early session for this compilation's additional files, handed over once (null: make one).</summary>
        internal static LintSession? Take(AnalyzerOptions options, CompilationOptions? compilationOptions, AnalyzerSuppressions? suppressions, CancellationToken cancellationToken)
        {
            if (options.AdditionalFiles.IsEmpty) return null;
            Task<LintSession?>? made;
            lock (Sessions)
            {
                if (!Sessions.TryGetValue(options.AdditionalFiles[0], out made)) return null;
                Sessions.Remove(options.AdditionalFiles[0]);
            }
            // Set up long before: the generators ran first, and the set-up is the first thing the thread does.
            var session = made.Result;
            if (session == null) return null;
            if (session.TryAdopt(options, compilationOptions, suppressions, cancellationToken)) return session;
            // Made from other inputs (not in a command-line build): its lint is nobody's, so it stops.
            session.StopAhead();
            return null;
        }
    }
}
