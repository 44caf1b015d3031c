using System;
using System.Collections.Immutable;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConfigLint.EarlyStart
{
    /// <summary>
    /// Hands a command-line build's additional files and options to the ConfigLint analyzer's session registry
    /// (ConfigLint.Analyzers.EarlySessions) while the compiler runs its source generators, so that the lint starts on
    /// the core the generators leave idle. It adds no source. The package passes this assembly to the compiler only in
    /// builds that run other generators (ConfigLintEarlyStart).
    /// </summary>
    [Generator(LanguageNames.CSharp, LanguageNames.VisualBasic)]
    public sealed class EarlyStartGenerator : IIncrementalGenerator
    {
        /// <summary>The registry's entry point, in the analyzer assembly the compiler loaded beside this one (null: none).</summary>
        private static readonly Action<ImmutableArray<AdditionalText>, AnalyzerConfigOptionsProvider, CancellationToken>? Start = FindStart();

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var start = Start;
            // Without the analyzer there is nothing to start early for.
            if (start == null) return;
            var inputs = context.AdditionalTextsProvider.Collect().Combine(context.AnalyzerConfigOptionsProvider);
            // A compiler server keeps a project's generator driver from one build to the next and runs it again only for
            // what changed, keeping the earlier build's objects for the files that did not: only a driver's first run
            // has the very additional-file objects the analyzer is about to get, so only that run starts a session (a
            // later one would lint for nobody; the analyzer's own session lints on two threads then, as before).
            int runs = 0;
            // An implementation output: hosts that run generators for the IDE's sake skip it.
            context.RegisterImplementationSourceOutput(inputs, (output, input) =>
            {
                if (Interlocked.Increment(ref runs) == 1) start(input.Left, input.Right, output.CancellationToken);
            });
        }

        /// <summary>
        /// By name, not by reference: a project reference would be circular (the analyzer's project builds this one to
        /// ship it beside itself). The name resolves in this assembly's load context, where the compiler loads every DLL
        /// of the package folder, so it is always the analyzer of the same package.
        /// </summary>
        private static Action<ImmutableArray<AdditionalText>, AnalyzerConfigOptionsProvider, CancellationToken>? FindStart()
        {
            var registry = Type.GetType("ConfigLint.Analyzers.EarlySessions, ConfigLint.Analyzers", throwOnError: false);
            var method = registry?.GetMethod("Start", BindingFlags.Public | BindingFlags.Static, null,
                new[] { typeof(ImmutableArray<AdditionalText>), typeof(AnalyzerConfigOptionsProvider), typeof(CancellationToken) }, null);
            return method == null ? null
                : (Action<ImmutableArray<AdditionalText>, AnalyzerConfigOptionsProvider, CancellationToken>)method.CreateDelegate(
                    typeof(Action<ImmutableArray<AdditionalText>, AnalyzerConfigOptionsProvider, CancellationToken>));
        }
    }
}
