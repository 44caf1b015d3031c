using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// The analyzer runs a lint session over an embedded copy of the sample tenant when it is created, to build its rules
    /// and compile the session's code before the compiler hands it any file (WarmUp.cs). The copy must stay the sample: a glob that
    /// embedded nothing, or a sample that moved, would leave the warm-up linting nothing.
    /// </summary>
    public sealed class WarmUpTests
    {
        [Test]
        public void TheWarmUpFindsWhatTheReadmeSampleHolds()
        {
            Assert.That(Keys(WarmUp.LintSample()), Is.EqualTo(Expected()));
        }

        [Test]
        public async Task CreatingTheAnalyzerStartsTheWarmUpOnItsOwnThreadOnce()
        {
            _ = new ConfigLintAnalyzer();
            var started = WarmUp.Started;
            Assert.That(started, Is.Not.Null, "creating the analyzer starts the warm-up");
            Assert.That(WarmUp.Start(), Is.SameAs(started), "once per process");
            Assert.That(Keys(await started!), Is.EqualTo(Expected()));
        }

        /// <summary>
        /// The reader's loops are compiled optimized at their first call in the engine the analyzer ships (Core/Hot.cs):
        /// left to tiered compilation, a fresh compiler runs them unoptimized and then instrumented for most of a build.
        /// Only a ReadyToRun build of the CLI (ConfigLintPrecompiled) leaves them to its precompiled code.
        /// </summary>
        [TestCase("ConfigLint.Core.Json.JsonTreeReader", "ReadRoot")]
        [TestCase("ConfigLint.Core.Json.JsonTreeReader", "ReadString")]
        [TestCase("ConfigLint.Core.Json.NameTable", "Get")]
        public void TheEnginesHotLoopsAreCompiledOptimizedAtOnce(string type, string method)
        {
            var found = typeof(ConfigLint.Core.Engine.LintEngine).Assembly.GetType(type, throwOnError: true)!
                .GetMethod(method, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)!;
            Assert.That((int)found.GetMethodImplementationFlags() & 512, Is.EqualTo(512), $"{type}.{method} is not AggressiveOptimization");
        }

        /// <summary>expected-findings.txt (the CLI's console output on the sample) as rule, file, line, column.</summary>
        private static List<string> Expected()
        {
            var lines = File.ReadAllLines(Path.Combine(Tools.RepoRoot, "tests", "samples", "tenant", "expected-findings.txt"));
            var pattern = new Regex(@"^(?:(?<path>.+)\((?<line>\d+),(?<column>\d+)\)|configlint ): \w+ (?<id>CL\d{4}):");
            var keys = lines.Select(l => pattern.Match(l)).Where(m => m.Success)
                .Select(m => m.Groups["path"].Success
                    ? $"{m.Groups["id"].Value} {m.Groups["path"].Value}({m.Groups["line"].Value},{m.Groups["column"].Value})"
                    : $"{m.Groups["id"].Value} ()")
                .OrderBy(k => k, System.StringComparer.Ordinal).ToList();
            Assert.That(keys, Has.Count.GreaterThanOrEqualTo(10), "expected-findings.txt lists the sample's findings");
            return keys;
        }

        /// <summary>Rule, file (relative to the warm-up's project folder), 1-based line and column, as the CLI prints them.</summary>
        private static List<string> Keys(IReadOnlyList<Diagnostic> diagnostics) => diagnostics
            .Select(d =>
            {
                if (d.Location == Location.None) return $"{d.Id} ()";
                var span = d.Location.GetLineSpan();
                var path = span.Path.StartsWith(WarmUp.Root + "/", System.StringComparison.Ordinal) ? span.Path.Substring(WarmUp.Root.Length + 1) : span.Path;
                return $"{d.Id} {path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
            })
            .OrderBy(k => k, System.StringComparer.Ordinal).ToList();
    }
}
