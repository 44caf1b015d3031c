using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>The engine core knows JSON, YAML and rules; Intune, Graph, OData and Roslyn knowledge lives in the packs and front ends.</summary>
    [TestFixture]
    public sealed class CoreIndependenceTests
    {
        private static readonly Regex Forbidden = new Regex(
            @"intune|\bgraph|odata|devicemanagement|dotnet_diagnostic|roslyn|settingdefinitionid|omasettings|omauri|oma-uri|settings ?catalog|admx|company portal",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>
        /// Core files another engineer's branch changes; the lead drops each entry when that branch is merged.
        /// Paths are relative to analyzers/ConfigLint.Core, with '/'.
        /// </summary>
        private static readonly Dictionary<string, string> Exempt = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // The config engineer's branch moves the Roslyn AnalyzerConfig emulation out of Core and rewrites the severity model.
            ["Config/EditorConfigFile.cs"] = "config branch",
            ["Config/SeverityConfiguration.cs"] = "config branch",
            ["Model/Severity.cs"] = "config branch",
        };

        private static string CoreRoot => Path.Combine(TestPaths.RepoRoot, "analyzers", "ConfigLint.Core");

        private static IEnumerable<string> CoreSources() =>
            Directory.EnumerateFiles(CoreRoot, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(CoreRoot, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal);

        [Test]
        public void CoreSourcesNameNoExportFormatOrHost()
        {
            var hits = new List<string>();
            foreach (var file in CoreSources().Where(f => !Exempt.ContainsKey(f)))
            {
                var lines = File.ReadAllLines(Path.Combine(CoreRoot, file));
                for (int i = 0; i < lines.Length; i++)
                {
                    var match = Forbidden.Match(lines[i]);
                    if (match.Success) hits.Add($"{file}({i + 1}): '{match.Value}' in: {lines[i].Trim()}");
                }
            }
            Assert.That(hits, Is.Empty, "Core must not know Intune, Graph, OData or Roslyn; move this into the rule pack (rules/) or a front end");
        }

        [Test]
        public void TheCheckFindsANameAndTheSourcesAreScanned()
        {
            // Guards the guard: the pattern catches the names, and the walk sees the engine's files.
            Assert.That(Forbidden.IsMatch("var t = node[\"@odata.type\"];"), Is.True);
            Assert.That(Forbidden.IsMatch("an IntuneManagement export"), Is.True);
            Assert.That(Forbidden.IsMatch("dotnet_diagnostic.CL1001.severity"), Is.True);
            Assert.That(Forbidden.IsMatch("a paragraph of JSON"), Is.False);
            Assert.That(CoreSources(), Does.Contain("Engine/LintRun.cs").And.Contain("Model/Resource.cs"));
        }

        [Test]
        public void EveryExemptionNamesAnExistingFile()
        {
            var sources = CoreSources().ToHashSet(StringComparer.Ordinal);
            Assert.That(Exempt.Keys.Where(k => !sources.Contains(k)), Is.Empty, "drop exemptions for files that moved or were deleted");
        }
    }
}
