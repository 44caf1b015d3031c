using System.IO;
using System.Linq;
using ConfigLint.Cli;
using ConfigLint.Cli.Formatters;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// A known-findings baseline through the command line, on a copy of the shipped sample tenant: created today, it
    /// passes; re-indenting every file keeps it passing; one new risky setting fails the run with that finding alone new.
    /// </summary>
    [TestFixture]
    public sealed class BaselineTests : TempFolderTests
    {
        [SetUp]
        public void CopySample()
        {
            Copy(Path.Combine(TestPaths.RepoRoot, "tests", "samples", "tenant"), Path.Combine(_dir, "tenant"));
        }

        private static void Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            foreach (var dir in Directory.GetDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }

        private string Path2(string relative) => Path.Combine(_dir, relative.Replace('/', Path.DirectorySeparatorChar));

        /// <summary>Rewrites every UTF-8 JSON file of the tenant with another indentation (and key layout), keeping its content.</summary>
        private void Reindent()
        {
            foreach (var file in Directory.GetFiles(Path2("tenant"), "*.json", SearchOption.AllDirectories))
            {
                JToken token;
                try
                {
                    token = JToken.Parse(File.ReadAllText(file));
                }
                catch (JsonReaderException)
                {
                    continue; // not JSON to begin with: left as it is
                }
                using var writer = new StringWriter();
                using (var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, Indentation = 7 }) token.WriteTo(json);
                File.WriteAllText(file, "\n\n" + writer);
            }
        }

        [Test]
        public void BaselinePassesSurvivesReindentingAndFailsOnlyOnTheNewFinding()
        {
            var create = Run("baseline", "create", "tenant", "--output", "configlint.baseline.json");
            Assert.That(create.Exit, Is.EqualTo(ExitCodes.Success), create.Err);
            var baseline = JObject.Parse(File.ReadAllText(Path2("configlint.baseline.json")));
            var entries = (JArray)baseline["findings"]!;
            Assert.That(entries, Has.Count.EqualTo(10), "the sample's ten findings (expected-findings.txt)");
            Assert.That(entries.Select(e => (string)e["fingerprint"]!), Has.All.Match("^[0-9a-f]{32}$"));
            Assert.That(entries.Any(e => (string)e["ruleId"]! == "CL1001" && (string)e["path"]! == "tenant/DeviceConfiguration/deviceConfigurations.json" && (int)e["line"]! == 8
                && (string)e["setting"]! == "property:diagnosticsDataSubmissionMode" && (string)e["resource"]! == "Windows - Device restrictions (legacy)"), baseline.ToString());

            Assert.That(Run("lint", "tenant").Exit, Is.EqualTo(ExitCodes.Findings), "without the baseline the sample fails");
            var same = Run("lint", "tenant", "--baseline", "configlint.baseline.json");
            Assert.That(same.Exit, Is.EqualTo(ExitCodes.Success), same.Out + same.Err);
            Assert.That(same.Out, Does.EndWith("; baseline: 0 new, 10 unchanged, 0 fixed\n"));

            Reindent();
            var moved = Run("lint", "tenant", "--baseline", "configlint.baseline.json");
            Assert.That(moved.Out, Does.Contain("deviceConfigurations.json(10,55): warning CL1001"), "the lines did move");
            Assert.That(moved.Exit, Is.EqualTo(ExitCodes.Success), moved.Out);
            Assert.That(moved.Out, Does.EndWith("; baseline: 0 new, 10 unchanged, 0 fixed\n"));

            // One newly added risky setting: the kiosk profile's diagnostic data goes to Full.
            var file = Path2("tenant/DeviceConfiguration/deviceConfigurations.json");
            File.WriteAllText(file, File.ReadAllText(file).Replace("\"basic\"", "\"full\""));
            var risky = Run("lint", "tenant", "--baseline", "configlint.baseline.json", "--format", "sarif");
            Assert.That(risky.Exit, Is.EqualTo(ExitCodes.Findings));
            var results = JObject.Parse(risky.Out)["runs"]![0]!["results"]!.ToList();
            var news = results.Where(r => (string?)r["baselineState"] == "new").ToList();
            Assert.That(news, Has.Count.EqualTo(1));
            Assert.That((string)news[0]["ruleId"]!, Is.EqualTo("CL1001"));
            Assert.That((string)news[0]["message"]!["text"]!, Does.Contain("'full'"));
            Assert.That(results.Count(r => (string?)r["baselineState"] == "unchanged"), Is.EqualTo(10));
            Assert.That(results.Select(r => (string?)r["partialFingerprints"]?[SarifFormatter.FingerprintKey]), Has.All.Match("^[0-9a-f]{32}$"));
            Assert.That(Run("lint", "tenant", "--baseline", "configlint.baseline.json").Out, Does.EndWith("; baseline: 1 new, 10 unchanged, 0 fixed\n"));
        }

        [Test]
        public void AFixedFindingIsAbsentAndTwoCopiesOfOneRiskNeedTwoEntries()
        {
            Assert.That(Run("baseline", "create", "tenant", "--output", "b.json").Exit, Is.EqualTo(ExitCodes.Success));
            var file = Path2("tenant/DeviceConfiguration/deviceConfigurations.json");
            File.WriteAllText(file, File.ReadAllText(file).Replace("\"enhanced\"", "\"none\""));
            var fixedRun = Run("lint", "tenant", "--baseline", "b.json", "--format", "sarif");
            Assert.That(fixedRun.Exit, Is.EqualTo(ExitCodes.Success));
            var log = JObject.Parse(fixedRun.Out);
            var schema = JSchema.Parse(File.ReadAllText(Path.Combine(TestPaths.Output, "Schemas", "sarif-schema-2.1.0.json")));
            Assert.That(log.IsValid(schema, out System.Collections.Generic.IList<string> errors), Is.True, string.Join("\n", errors));
            var absent = log["runs"]![0]!["results"]!.Where(r => (string?)r["baselineState"] == "absent").ToList();
            Assert.That(absent, Has.Count.EqualTo(1));
            Assert.That((string)absent[0]["ruleId"]!, Is.EqualTo("CL1001"));
            Assert.That((int)absent[0]["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!, Is.EqualTo(8));
            Assert.That(Run("lint", "tenant", "--baseline", "b.json").Out, Does.EndWith("; baseline: 0 new, 9 unchanged, 1 fixed\n"));

            // The same resource exported twice (another file, same Graph id): its second CL1001 is not in the baseline.
            File.WriteAllText(file, File.ReadAllText(file).Replace("\"none\"", "\"enhanced\""));
            File.Copy(file, Path2("tenant/DeviceConfiguration/copy.json"));
            var copy = Run("lint", "tenant", "--baseline", "b.json");
            Assert.That(copy.Exit, Is.EqualTo(ExitCodes.Findings));
            Assert.That(copy.Out, Does.EndWith("; baseline: 1 new, 10 unchanged, 0 fixed\n"));
        }

        [TestCase("{ \"findings\": [ { \"ruleId\": \"CL1001\" } ], \"fingerprintVersion\": \"1\" }", "b.json(1,17): the finding needs 'fingerprint'")]
        [TestCase("{ \"fingerprintVersion\": \"1\",\n  \"findings\": [ }", "b.json(2,16): the baseline is not valid JSON")]
        [TestCase("{ \"fingerprintVersion\": \"0\", \"findings\": [] }", "b.json(1,27): the baseline's fingerprints are version '0'")]
        [TestCase("[]", "b.json(1,1): a baseline is an object with a 'findings' list")]
        public void MalformedBaselineExitsTwoNamingFileAndLine(string text, string message)
        {
            File.WriteAllText(Path2("b.json"), text);
            var run = Run("lint", "tenant", "--baseline", "b.json");
            Assert.That(run.Exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(run.Err, Does.StartWith("configlint: error: " + message));
        }
    }
}
