using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConfigLint.Analyzers.Tests.Support
{
    /// <summary>Which host runs the analyzer: how the package props and the compiler set it up.</summary>
    public enum Host
    {
        /// <summary>The IDE (or any host without ConfigLintParallelBuild): the analyzer's callbacks alone.</summary>
        Ide,

        /// <summary>
        /// A command-line build: ConfigLintParallelBuild=true, the generator driver run first over the same additional
        /// files and options (as csc runs it), so the early session lints ahead and the analyzer takes it over. Files
        /// on disk (<see cref="DiskAdditionalText"/>) are handed over as csc's own type (<see cref="AdditionalTextFile"/>).
        /// </summary>
        CommandLine,
    }

    /// <summary>Runs the analyzer the way the compiler does (CompilationWithAnalyzers), catching any analyzer exception.</summary>
    internal static class AnalyzerRunner
    {
        public sealed class Result
        {
            public Result(ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<Exception> exceptions, ImmutableArray<Diagnostic> suppressed = default)
            {
                Diagnostics = diagnostics;
                Exceptions = exceptions;
                Suppressed = suppressed.IsDefault ? ImmutableArray<Diagnostic>.Empty : suppressed;
            }

            public ImmutableArray<Diagnostic> Diagnostics { get; }

            /// <summary>Diagnostics that ConfigLintSuppressor suppressed (configlint.suppressions.yaml): in the build's SARIF log only.</summary>
            public ImmutableArray<Diagnostic> Suppressed { get; }
            public IReadOnlyList<Exception> Exceptions { get; }
        }

        /// <param name="projectDirectory">As the package props pass it (build_property.MSBuildProjectDirectory).</param>
        /// <param name="configFiles">.editorconfig/.globalconfig files, applied as csc applies them (per-file keys and global severities).</param>
        /// <param name="host">
        /// In <see cref="Host.CommandLine"/>, the early session must be the one the analyzer reports from (the run fails
        /// otherwise), so a parity test run that way proves the early path, not a silent fallback.
        /// </param>
        public static async Task<Result> RunAsync(IEnumerable<AdditionalText> files, bool concurrent = true, string? projectDirectory = null, IEnumerable<string>? configFiles = null,
            Host host = Host.Ide)
        {
            var compilation = ConfigRepoCompilation();
            var exceptions = new ConcurrentQueue<Exception>();
            var global = new Dictionary<string, string>();
            if (projectDirectory != null) global["build_property.MSBuildProjectDirectory"] = projectDirectory;
            if (host == Host.CommandLine) global[LintSession.ParallelBuildKey] = "true";
            AnalyzerConfigOptionsProvider provider = new GlobalOnlyOptionsProvider(global);
            var configs = configFiles?.ToList();
            var additional = files.ToList();
            if (configs != null && configs.Count > 0)
            {
                // As the package targets pass them: every config file is also an AdditionalFile (ConfigLint checks its
                // keys), and a .globalconfig below the project folder goes to ConfigLint only (scoped to its folder).
                additional.AddRange(configs.Select(c => (AdditionalText)new DiskAdditionalText(c)));
                var compilerConfigs = configs.Where(c => projectDirectory == null || ConfigLint.Configuration.ScopedGlobalConfigs.IsProjectWide(c, projectDirectory));
                var set = AnalyzerConfigSet.Create(compilerConfigs.Select(c => AnalyzerConfig.Parse(File.ReadAllText(c), c)).ToImmutableArray(), out _);
                provider = new ConfigSetOptionsProvider(set, global);
                // Global dotnet_diagnostic severities are compilation options in csc.
                compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(set.GlobalConfigOptions.TreeOptions));
            }
            // csc's files are its own type, which the analyzer reads from disk itself.
            if (host == Host.CommandLine) additional = additional.Select(f => f is DiskAdditionalText disk ? new AdditionalTextFile(disk.Path) : f).ToList();
            var additionalTexts = additional.ToImmutableArray();
            LintSession? early = null;
            if (host == Host.CommandLine)
            {
                // As csc does: the generators first, given the very additional-file objects and options the analyzers get.
                EarlyStartDriver(additionalTexts, provider).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
                if (!generatorDiagnostics.IsEmpty) throw new InvalidOperationException("the early start reported: " + string.Join("; ", generatorDiagnostics));
                compilation = (CSharpCompilation)generated;
                early = additionalTexts.IsEmpty ? null : EarlySessions.Pending(additionalTexts[0]);
                if (!additionalTexts.IsEmpty && early == null) throw new InvalidOperationException("the generator started no early session");
            }
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(additionalTexts, provider),
                onAnalyzerException: (ex, analyzer, diagnostic) => exceptions.Enqueue(ex),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: true);
            // The package ships both: the analyzer reports, the suppressor applies configlint.suppressions.yaml (as csc runs them).
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConfigLintAnalyzer(), new ConfigLintSuppressor()), options);
            var all = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            if (early != null && !early.IsAdopted) throw new InvalidOperationException("the analyzer made its own session instead of taking the early one");
            var suppressed = all.Where(d => d.IsSuppressed).ToImmutableArray();
            var raw = all.Where(d => !d.IsSuppressed).ToImmutableArray();
            // csc maps and suppresses by the compilation options (where global config severities land); do the same.
            var specific = compilation.Options.SpecificDiagnosticOptions;
            var diagnostics = raw.Select(d => !specific.TryGetValue(d.Id, out var report) ? d : report switch
                {
                    ReportDiagnostic.Suppress => null,
                    ReportDiagnostic.Error => Remap(d, DiagnosticSeverity.Error),
                    ReportDiagnostic.Warn => Remap(d, DiagnosticSeverity.Warning),
                    ReportDiagnostic.Info => Remap(d, DiagnosticSeverity.Info),
                    ReportDiagnostic.Hidden => null,
                    _ => d,
                })
                .Where(d => d != null).Select(d => d!).ToImmutableArray();
            return new Result(diagnostics, exceptions.ToList(), suppressed);
        }

        /// <summary>A config repo's compilation: no source, a library, as the package's project builds it.</summary>
        public static CSharpCompilation ConfigRepoCompilation() =>
            CSharpCompilation.Create("ConfigRepo", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        /// <summary>The generator driver a command-line compiler makes, holding ConfigLint's early-start generator.</summary>
        public static GeneratorDriver EarlyStartDriver(ImmutableArray<AdditionalText> files, AnalyzerConfigOptionsProvider options) =>
            CSharpGeneratorDriver.Create(new[] { new ConfigLint.EarlyStart.EarlyStartGenerator().AsSourceGenerator() }, files, optionsProvider: options);

        // ConfigLint descriptors format "{0}" with the final message, so the message can be passed through.
        // ConfigLint's own severity property follows the remap (Info keeps suggestion/info apart as the CLI does).
        private static Diagnostic Remap(Diagnostic d, DiagnosticSeverity severity)
        {
            d.Properties.TryGetValue(ConfigLintAnalyzer.SeverityProperty, out var own);
            string name = severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => own == "info" || own == "suggestion" ? own! : "suggestion",
            };
            return Diagnostic.Create(d.Descriptor, d.Location, severity, d.AdditionalLocations, d.Properties.SetItem(ConfigLintAnalyzer.SeverityProperty, name),
                d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Per-file options from real .editorconfig/.globalconfig files, as csc computes them.</summary>
    internal sealed class ConfigSetOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigSet _set;
        private readonly IReadOnlyDictionary<string, string> _extra;

        public ConfigSetOptionsProvider(AnalyzerConfigSet set, IReadOnlyDictionary<string, string> extra)
        {
            _set = set;
            _extra = extra;
        }

        public override AnalyzerConfigOptions GlobalOptions => Options(_set.GlobalConfigOptions.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options(_set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options(_set.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);

        private AnalyzerConfigOptions Options(ImmutableDictionary<string, string> values)
        {
            var merged = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
            foreach (var kv in _extra) merged[kv.Key] = kv.Value;
            return new GlobalOnlyOptionsProvider(merged).GlobalOptions;
        }
    }

    /// <summary>
    /// An additional file read from disk and decoded as csc on Linux decodes additional files (Roslyn's
    /// EncodedStringText): a byte order mark wins, else strict UTF-8, else the ANSI code page, which .NET on Linux
    /// reports as UTF-8 with U+FFFD replacements (on Windows it is usually Windows-1252).
    /// </summary>
    internal sealed class DiskAdditionalText : AdditionalText
    {
        private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private static readonly Encoding ReplacingUtf8 = new UTF8Encoding(false, false);

        public DiskAdditionalText(string path)
        {
            Path = path;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => Decode(File.ReadAllBytes(Path));

        public static SourceText Decode(byte[] bytes)
        {
            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
                || (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF))
            {
                return SourceText.From(bytes, bytes.Length, encoding: null);
            }
            try
            {
                return SourceText.From(StrictUtf8.GetString(bytes), StrictUtf8);
            }
            catch (DecoderFallbackException)
            {
                return SourceText.From(ReplacingUtf8.GetString(bytes), ReplacingUtf8);
            }
        }
    }
}
