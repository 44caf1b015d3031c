using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Formatters;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;

namespace ConfigLint.Tools
{
    /// <summary>
    /// Fixtures as data: <c>Fixtures/CLxxxx/</c> holds inputs named <c>fail.*</c> or <c>pass.*</c> (a file, or a folder
    /// linted as one run). A fail input has a <c>&lt;name&gt;.expected</c> file with that rule's findings as the console
    /// prints them, paths relative to the rule folder. The tests and <c>update-fixtures</c> lint them the same way, here.
    /// </summary>
    public static class FixtureRunner
    {
        public const string ExpectedExtension = ".expected";

        public sealed record Fixture(string RuleId, string Name, string RuleFolder)
        {
            public bool IsPass => Name.StartsWith("pass", StringComparison.Ordinal);
            public string InputPath => Path.Combine(RuleFolder, Name);
            public bool IsFolder => Directory.Exists(InputPath);

            /// <summary><c>fail.x.json</c> → <c>fail.x.expected</c>; a folder <c>fail.x</c> → <c>fail.x.expected</c>.</summary>
            public string ExpectedPath => Path.Combine(RuleFolder, (IsFolder ? Name : Path.GetFileNameWithoutExtension(Name)) + ExpectedExtension);

            /// <summary>The input files, with their paths relative to the rule folder, in ordinal order.</summary>
            public IReadOnlyList<(string Relative, string FullPath)> Files()
            {
                var files = IsFolder ? Directory.GetFiles(InputPath, "*", SearchOption.AllDirectories) : new[] { InputPath };
                return files.Select(f => (Path.GetRelativePath(RuleFolder, f).Replace('\\', '/'), f))
                    .OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
            }
        }

        /// <summary>Every fixture under <paramref name="fixturesFolder"/>, by rule then name (ordinal).</summary>
        public static IReadOnlyList<Fixture> All(string fixturesFolder)
        {
            if (!Directory.Exists(fixturesFolder)) return Array.Empty<Fixture>();
            var result = new List<Fixture>();
            foreach (var ruleFolder in Directory.GetDirectories(fixturesFolder).OrderBy(d => d, StringComparer.Ordinal))
            {
                var ruleId = Path.GetFileName(ruleFolder);
                foreach (var entry in Directory.EnumerateFileSystemEntries(ruleFolder).OrderBy(e => e, StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(entry);
                    if (name.EndsWith(ExpectedExtension, StringComparison.Ordinal)) continue;
                    if (!name.StartsWith("fail", StringComparison.Ordinal) && !name.StartsWith("pass", StringComparison.Ordinal)) continue;
                    result.Add(new Fixture(ruleId, name, ruleFolder));
                }
            }
            return result;
        }

        /// <summary>Lints a fixture as one run; every rule's findings, in report order.</summary>
        public static List<Finding> Lint(LintEngine engine, Fixture fixture)
        {
            var run = engine.StartRun();
            var findings = new List<Finding>();
            foreach (var (relative, full) in fixture.Files()) findings.AddRange(run.LintBytes(relative, File.ReadAllBytes(full)).Findings);
            findings.AddRange(run.Complete());
            findings = Suppressed(engine, fixture, findings);
            findings.Sort(Finding.ReportOrder);
            return findings;
        }

        /// <summary>
        /// A fixture folder with a suppressions file is linted as the CLI lints it: suppressed findings leave the console
        /// lines, and the file's own expired and unused entries join them. <paramref name="prefix"/> is the folder the
        /// fixture's paths start with when it is linted among others (empty when it is linted alone).
        /// </summary>
        public static List<Finding> Suppressed(LintEngine engine, Fixture fixture, List<Finding> findings, string prefix = "")
        {
            if (!fixture.IsFolder) return findings;
            var path = Path.Combine(fixture.InputPath, Core.Suppressions.SuppressionFile.FileName);
            if (!File.Exists(path)) return findings;
            var folder = prefix + fixture.Name;
            var file = Core.Suppressions.SuppressionFile.Parse(folder + "/" + Core.Suppressions.SuppressionFile.FileName, File.ReadAllText(path), folder);
            var result = findings.Select(f => Core.Suppressions.Suppressor.Apply(f, f.Location?.Path ?? f.Scope, new[] { file }, DateTime.UtcNow)).Where(f => f.Suppression == null).ToList();
            result.AddRange(file.Diagnostics(DateTime.UtcNow, engine.Pack.Diagnostics.Adoption));
            return result;
        }

        /// <summary>The fixture's own rule's findings as console lines: what its <c>.expected</c> file holds.</summary>
        public static List<string> Lines(IEnumerable<Finding> findings, string ruleId) =>
            findings.Where(f => f.RuleId == ruleId).Select(ConsoleFormatter.FormatLine).ToList();

        /// <summary>The lines of an <c>.expected</c> file, blank lines dropped.</summary>
        public static List<string> ReadExpected(string path) =>
            File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();
    }
}
