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
            // An implementation output: hosts that run generators for the IDE's sake skip it.
            context.RegisterImplementationSourceOutput(inputs, (output, input) => start(input.Left, input.Right, output.CancellationToken));
        }

        /// <summary>
        /// By name, not by reference: a reference would make the analyzer's package unbuildable (the analyzer's project
        /// collects this one's DLL) and gains nothing. The name resolves in this assembly's load context, where the
        /// compiler loads every DLL of the package folder, so it is always the analyzer of the same package.
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
