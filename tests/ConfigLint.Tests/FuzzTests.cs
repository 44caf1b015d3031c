using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Cli;
using ConfigLint.Core.Engine;
using ConfigLint.Fuzz;
using ConfigLint.Rules;
using CsCheck;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// Issue 13 item 8: property tests over mutated fixtures (truncation, byte flips, bad UTF-8/UTF-16, BOM mixes, YAML
    /// breakage, hostile names and values, deep nesting, huge numbers, JSON deviations, shape swaps), bounded and with
    /// a fixed seed so CI sees the same inputs every run. The long campaign (100,000 inputs, real processes) is
    /// build/fuzz/run.sh; its figures are in build/fuzz/RESULTS.md.
    /// </summary>
    [TestFixture]
    [Category("Fuzz")]
    public sealed class FuzzTests
    {
        /// <summary>CsCheck's seed for the sample (PCG stream 1, state 42): change it to explore, keep it fixed in CI.</summary>
        private const string Seed = "0000000000J1";

        /// <summary>Enough inputs to hit every mutation kind many times, few enough for a few seconds on a loaded CI.</summary>
        private const int Count = 400;

        private static readonly Lazy<IReadOnlyList<FuzzInput>> Sample = new Lazy<IReadOnlyList<FuzzInput>>(() => Generate(Seed, Count));

        /// <summary>The mutated inputs: CsCheck draws the mutator's seed, the mutator (shared with build/fuzz) does the rest.</summary>
        private static IReadOnlyList<FuzzInput> Generate(string seed, int count)
        {
            IReadOnlyList<FuzzInput>? inputs = null;
            Gen.Int.Sample(s =>
            {
                var mutator = new Mutator(s, Seeds());
                inputs = Enumerable.Range(0, count).Select(mutator.Next).ToList();
            }, seed: seed, iter: 1, threads: 1);
            return inputs!;
        }

        private static List<(string Name, byte[] Bytes)> Seeds() =>
            Directory.EnumerateFiles(TestPaths.Fixtures, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
                .ToList();

        private static string Describe(FuzzInput input) => $"{input.Kind} of {input.Seed} as {Escape(input.FileName)}";

        private static string Escape(string s) => string.Concat(s.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));

        [Test]
        public void TheSampleIsTheSameOnEveryRunAndCoversEveryMutation()
        {
            var again = Generate(Seed, Count);
            Assert.That(again.Select(i => i.FileName + Convert.ToBase64String(i.Bytes)), Is.EqualTo(Sample.Value.Select(i => i.FileName + Convert.ToBase64String(i.Bytes))));
            var kinds = Sample.Value.SelectMany(i => i.Kind.Split('+')).Distinct().ToList();
            Assert.That(kinds, Is.EquivalentTo(Mutator.Kinds));
            Assert.That(Sample.Value.Count(i => i.IsYaml), Is.GreaterThan(Count / 5), "YAML is fuzzed too");
        }

        [Test]
        public void NoMutatedInputThrowsOrHangsInTheEngine()
        {
            var engine = new LintEngine(IntunePack.Create());
            var problems = new List<string>();
            foreach (var input in Sample.Value)
            {
                var run = engine.StartRun();
                var work = Task.Run(() => run.LintBytes(input.FileName, input.Bytes));
                try
                {
                    if (!work.Wait(TimeSpan.FromSeconds(10))) problems.Add($"hang (over 10 s): {Describe(input)}");
                    else if (work.Result.Findings.Any(f => f.RuleId == "CL9001")) problems.Add($"rule failure: {Describe(input)}: {work.Result.Findings.First(f => f.RuleId == "CL9001").Message}");
                }
                catch (AggregateException ex)
                {
                    problems.Add($"{ex.InnerException?.GetType().Name}: {Describe(input)}: {ex.InnerException?.Message}");
                }
            }
            Assert.That(problems, Is.Empty);
        }

        [Test]
        public void EveryMalformedInputGetsAnInputErrorAtAPosition()
        {
            var engine = new LintEngine(IntunePack.Create());
            var undiagnosed = new List<string>();
            int bad = 0;
            foreach (var input in Sample.Value)
            {
                var problem = Oracle.Problem(input.Bytes, input.IsYaml);
                if (problem == null) continue;
                bad++;
                FileResult result;
                try
                {
                    result = engine.StartRun().LintBytes(input.FileName, input.Bytes);
                }
                catch (Exception)
                {
                    // Counted by NoMutatedInputThrowsOrHangsInTheEngine.
                    continue;
                }
                var error = result.Findings.FirstOrDefault(f => f.RuleId is "CL0001" or "CL0002" or "CL0003");
                if (error == null) undiagnosed.Add($"{Describe(input)}: the oracle says {problem}");
                else Assert.That(error.Location, Is.Not.Null, $"{Describe(input)}: an input error carries its position");
            }
            Assert.That(bad, Is.GreaterThan(Count / 3), "the sample must hold many malformed inputs");
            Assert.That(undiagnosed, Is.Empty);
        }

        [Test]
        public void ACliRunOverTheWholeSampleEndsWithValidSarifAndJsonAndNoInternalError()
        {
            var dir = TestPaths.TempDirectory();
            try
            {
                var inputs = Path.Combine(dir, "in");
                Directory.CreateDirectory(inputs);
                foreach (var input in Sample.Value) File.WriteAllBytes(Path.Combine(inputs, input.FileName), input.Bytes);
                var output = new StringWriter();
                var error = new StringWriter();
                int exit = CliApp.Run(new[] { "lint", "in", "--fail-level", "none", "--format", "sarif", "--output", "r.sarif", "--format", "json", "--output", "r.json" }, output, error, dir);
                Assert.That(exit, Is.EqualTo(ExitCodes.Success), error.ToString());

                var json = JObject.Parse(File.ReadAllText(Path.Combine(dir, "r.json")));
                Assert.That((int?)json["files"], Is.EqualTo(Sample.Value.Count), "every input is reported");
                var schema = JSchema.Parse(File.ReadAllText(Path.Combine(TestPaths.Output, "Schemas", "sarif-schema-2.1.0.json")));
                var sarif = JToken.Parse(File.ReadAllText(Path.Combine(dir, "r.sarif")));
                Assert.That(sarif.IsValid(schema, out IList<string> errors), Is.True, string.Join("\n", errors.Take(5)));
            }
            finally
            {
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }
    }
}
