using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Rules;

namespace ConfigLint.Tools
{
    /// <summary>
    /// <c>update-fixtures CL1035 [CL1036 ...]</c>: writes each fail fixture's <c>.expected</c> file from what the engine
    /// reports, for the named rules only. An authoring aid: every line and column still needs a human look.
    /// </summary>
    public static class UpdateFixtures
    {
        /// <returns>The number of problems found (a fail fixture without a finding, a pass fixture with one).</returns>
        public static int Run(RepoLayout repo, IReadOnlyCollection<string> ruleIds, bool all, TextWriter output)
        {
            var fixtures = FixtureRunner.All(repo.FixturesFolder);
            var known = new HashSet<string>(fixtures.Select(f => f.RuleId), StringComparer.Ordinal);
            var unknown = ruleIds.Where(id => !known.Contains(id)).ToList();
            if (unknown.Count > 0) throw new ToolException($"no fixtures for {string.Join(", ", unknown)} under tests/ConfigLint.Tests/Fixtures (IDs are case-sensitive: CL1035)");
            if (!all && ruleIds.Count == 0) throw new ToolException("name the rules whose fixtures to update (update-fixtures CL1035), or pass --all");

            var engine = new LintEngine(BuiltInPackSource.SourcePack());
            int problems = 0;
            foreach (var fixture in fixtures.Where(f => all || ruleIds.Contains(f.RuleId)))
            {
                var lines = FixtureRunner.Lines(FixtureRunner.Lint(engine, fixture), fixture.RuleId);
                var shown = $"{fixture.RuleId}/{fixture.Name}";
                if (fixture.IsPass)
                {
                    if (lines.Count > 0)
                    {
                        problems++;
                        output.WriteLine($"{shown}: a pass fixture, but {fixture.RuleId} reports:\n  {string.Join("\n  ", lines)}");
                    }
                    continue;
                }
                var path = fixture.ExpectedPath;
                var before = File.Exists(path) ? FixtureRunner.ReadExpected(path) : null;
                if (lines.Count == 0)
                {
                    problems++;
                    output.WriteLine($"{shown}: {fixture.RuleId} reports nothing, so there is nothing to expect; make the input trigger the rule ({Path.GetFileName(path)} left as it is)");
                    continue;
                }
                if (before != null && before.SequenceEqual(lines)) { output.WriteLine($"{shown}: unchanged ({lines.Count} finding(s))"); continue; }
                RepoLayout.Write(path, string.Join("\n", lines) + "\n");
                output.WriteLine($"{shown}: wrote {Path.GetFileName(path)} ({lines.Count} finding(s)); review it");
            }
            return problems;
        }
    }
}
