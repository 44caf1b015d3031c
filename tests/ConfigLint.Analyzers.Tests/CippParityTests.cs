using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>
    /// A CIPP backup (template-store rows whose JSON string holds a template whose RAWJson string holds the policy):
    /// the analyzer and the CLI report the policy's finding and the broken row's CL0001 with the same ID, line and
    /// column, and those are the characters of the file that wrote them (two levels of escapes).
    /// </summary>
    public sealed class CippParityTests
    {
        private const string File = "tests/ConfigLint.Analyzers.Tests/Inputs/cipp-backup.json";

        [Test]
        public async Task BothChannelsPlaceTheFindingsOnTheEscapedCharacters()
        {
            var source = Path.Combine(Tools.RepoRoot, File);
            var text = System.IO.File.ReadAllText(source);
            var dir = Path.Combine(Path.GetTempPath(), "configlint-cipp-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var path = Path.Combine(dir, "cipp-backup.json");
                System.IO.File.Copy(source, path);
                var cli = Tools.CliFindings(dir);
                var result = await AnalyzerRunner.RunAsync(new[] { (AdditionalText)new DiskAdditionalText(path) }, projectDirectory: dir);
                Assert.That(result.Exceptions, Is.Empty);
                var analyzer = result.Diagnostics.Select(d => FindingKey.Of(d, dir)).ToList();
                FindingKey.AssertSame(analyzer, cli, "analyzer", "CLI");

                // The value "…_allowtelemetry_3" is written \\\"…\\\" in the file; the broken template's second name likewise.
                Assert.That(Located(cli, "CL1001"), Is.EqualTo(new[] { At(text, "\\\\\\\"device_vendor_msft_policy_config_system_allowtelemetry_3\\\\\\\"", 0) }));
                Assert.That(Located(cli, "CL0001"), Is.EqualTo(new[] { At(text, "\\\\\\\"settings\\\\\\\"", text.IndexOf("\"Broken\\\"", StringComparison.Ordinal)) }));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        /// <summary>"line,col" of the findings of one rule, from their keys.</summary>
        private static string[] Located(System.Collections.Generic.IEnumerable<string> keys, string id) =>
            keys.Where(k => k.StartsWith(id + " ", StringComparison.Ordinal))
                .Select(k =>
                {
                    int open = k.IndexOf('(');
                    return k.Substring(open + 1, k.IndexOf('-', open) - open - 1);
                }).ToArray();

        /// <summary>"line,col" (1-based) of the first <paramref name="spelled"/> at or after <paramref name="from"/>.</summary>
        private static string At(string text, string spelled, int from)
        {
            int at = text.IndexOf(spelled, from, StringComparison.Ordinal);
            Assert.That(at, Is.GreaterThan(0), spelled);
            int line = 1 + text.Take(at).Count(c => c == '\n');
            int column = at - (text.LastIndexOf('\n', at - 1) + 1) + 1;
            return $"{line},{column}";
        }
    }
}
