using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Formatters;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// Tests as data. Each rule has a folder <c>Fixtures/CLxxxx/</c> of inputs named <c>fail.*</c> or <c>pass.*</c>
    /// (a file, or a folder linted as one run). A fail input has a <c>&lt;name&gt;.expected</c> file holding that rule's
    /// findings in the console formatter's exact <c>path(line,col): severity ID: message</c> form, paths relative
    /// to the rule folder. A pass input must give no finding of that rule. Adding a case is adding a file.
    /// </summary>
    [TestFixture]
    public sealed class FixtureTests
    {
        public static IEnumerable<TestCaseData> Cases()
        {
            if (!Directory.Exists(TestPaths.Fixtures)) yield break;
            foreach (var ruleDir in Directory.GetDirectories(TestPaths.Fixtures).OrderBy(d => d, StringComparer.Ordinal))
            {
                var ruleId = Path.GetFileName(ruleDir);
                foreach (var input in Directory.EnumerateFileSystemEntries(ruleDir).OrderBy(e => e, StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(input);
                    if (name.EndsWith(".expected", StringComparison.Ordinal)) continue;
                    if (!name.StartsWith("fail", StringComparison.Ordinal) && !name.StartsWith("pass", StringComparison.Ordinal)) continue;
                    yield return new TestCaseData(ruleId, name).SetName($"{ruleId}/{name}");
                }
            }
        }

        [TestCaseSource(nameof(Cases))]
        public void Fixture(string ruleId, string name)
        {
            var ruleDir = Path.Combine(TestPaths.Fixtures, ruleId);
            var actual = LintFixture(ruleDir, name).Where(f => f.RuleId == ruleId).Select(ConsoleFormatter.FormatLine).ToList();

            if (name.StartsWith("pass", StringComparison.Ordinal))
            {
                Assert.That(actual, Is.Empty, $"{ruleId}/{name} is a passing fixture but reported:\n{string.Join("\n", actual)}");
                return;
            }

            var expectedPath = Path.Combine(ruleDir, Path.GetFileNameWithoutExtension(name.TrimEnd('/')) + ".expected");
            if (Directory.Exists(Path.Combine(ruleDir, name))) expectedPath = Path.Combine(ruleDir, name + ".expected");
            if (Environment.GetEnvironmentVariable("CONFIGLINT_UPDATE_FIXTURES") == "1")
            {
                // Authoring aid: writes what the engine reports into the source tree; review every line before committing.
                var source = Path.Combine(TestPaths.RepoRoot, "tests", "ConfigLint.Tests", "Fixtures", ruleId, Path.GetFileName(expectedPath));
                File.WriteAllLines(source, actual);
                File.WriteAllLines(expectedPath, actual);
            }
            Assert.That(File.Exists(expectedPath), Is.True, $"failing fixture {ruleId}/{name} needs {Path.GetFileName(expectedPath)}");
            var expected = File.ReadAllLines(expectedPath).Where(l => l.Trim().Length > 0).ToList();
            Assert.That(expected, Is.Not.Empty, $"{Path.GetFileName(expectedPath)} must list at least one finding");
            Assert.That(actual, Is.EqualTo(expected), $"{ruleId}/{name}: findings differ");
        }

        /// <summary>
        /// A fixture folder with a suppressions file is linted as the CLI lints it: suppressed findings leave the console
        /// lines, and the file's own expired and unused entries join them.
        /// </summary>
        private static List<Finding> Suppressed(string ruleDir, string name, List<Finding> findings)
        {
            var path = Path.Combine(ruleDir, name, Core.Suppressions.SuppressionFile.FileName);
            if (!File.Exists(path)) return findings;
            var file = Core.Suppressions.SuppressionFile.Parse(name + "/" + Core.Suppressions.SuppressionFile.FileName, File.ReadAllText(path), name);
            var result = findings.Select(f => Core.Suppressions.Suppressor.Apply(f, f.Location?.Path ?? f.Scope, new[] { file }, DateTime.UtcNow)).Where(f => f.Suppression == null).ToList();
            result.AddRange(file.Diagnostics(DateTime.UtcNow, Lint.Engine.Pack.Diagnostics.Adoption));
            return result;
        }

        /// <summary>Lints a fixture file or folder with paths relative to the rule folder, as one run.</summary>
        public static List<Finding> LintFixture(string ruleDir, string name)
        {
            var full = Path.Combine(ruleDir, name);
            var files = Directory.Exists(full)
                ? Directory.GetFiles(full, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList()
                : new List<string> { full };
            var run = Lint.Engine.StartRun();
            var findings = new List<Finding>();
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(ruleDir, file).Replace('\\', '/');
                findings.AddRange(run.LintBytes(relative, File.ReadAllBytes(file)).Findings);
            }
            findings.AddRange(run.Complete());
            findings = Suppressed(ruleDir, name, findings);
            findings.Sort(Finding.ReportOrder);
            return findings;
        }
    }
}
