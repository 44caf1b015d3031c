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
    /// <summary>Runs the analyzer the way the compiler does (CompilationWithAnalyzers), catching any analyzer exception.</summary>
    internal static class AnalyzerRunner
    {
        public sealed class Result
        {
            public Result(ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<Exception> exceptions)
            {
                Diagnostics = diagnostics;
                Exceptions = exceptions;
            }

            public ImmutableArray<Diagnostic> Diagnostics { get; }
            public IReadOnlyList<Exception> Exceptions { get; }
        }

        /// <param name="projectDirectory">As the package props pass it (build_property.MSBuildProjectDirectory).</param>
        public static async Task<Result> RunAsync(IEnumerable<AdditionalText> files, bool concurrent = true, string? projectDirectory = null)
        {
            var compilation = CSharpCompilation.Create("ConfigRepo", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var exceptions = new ConcurrentQueue<Exception>();
            var global = new Dictionary<string, string>();
            if (projectDirectory != null) global["build_property.MSBuildProjectDirectory"] = projectDirectory;
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(files.ToImmutableArray(), new GlobalOnlyOptionsProvider(global)),
                onAnalyzerException: (ex, analyzer, diagnostic) => exceptions.Enqueue(ex),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false);
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConfigLintAnalyzer()), options);
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            return new Result(diagnostics, exceptions.ToList());
        }
    }

    /// <summary>The same options for every file, as a global config gives them.</summary>
    internal sealed class GlobalOnlyOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptions _options;

        public GlobalOnlyOptionsProvider(IReadOnlyDictionary<string, string> values)
        {
            _options = new DictionaryOptions(values);
        }

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class DictionaryOptions : AnalyzerConfigOptions
        {
            private readonly IReadOnlyDictionary<string, string> _values;

            public DictionaryOptions(IReadOnlyDictionary<string, string> values)
            {
                _values = values;
            }

            public override bool TryGetValue(string key, out string value)
            {
                if (_values.TryGetValue(key, out var found))
                {
                    value = found;
                    return true;
                }
                value = null!;
                return false;
            }
        }
    }

    /// <summary>An additional file held in memory.</summary>
    internal sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, SourceText text)
        {
            Path = path;
            _text = text;
        }

        public InMemoryAdditionalText(string path, string text)
            : this(path, SourceText.From(text, Encoding.UTF8))
        {
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
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
