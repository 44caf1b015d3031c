using System;
using System.IO;
using System.Linq;
using System.Text;
using ConfigLint.Cli;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// <c>configlint fix</c>: fix then lint shows no fixed rule's finding, only values change, encodings and line
    /// endings survive byte for byte, untouched files keep bytes and time, dry runs write nothing, symbolic links out
    /// of the inputs are refused, and a second run over a hundred fixed files changes nothing.
    /// </summary>
    [TestFixture]
    public sealed class FixCommandTests : TempFolderTests
    {
        private const string Risky = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Risky\",\n  \"diagnosticsDataSubmissionMode\": \"full\",\n  \"passwordRequired\": true,\n  \"passwordMinimumLength\": 4\n}\n";
        private const string Clean = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Clean\",\n  \"diagnosticsDataSubmissionMode\": \"basic\"\n}\n";

        /// <summary>A Settings Catalog policy as IntuneManagement writes it: UTF-16 LE with BOM, CRLF, PowerShell layout.</summary>
        private static readonly string Catalog = string.Join("\r\n",
            "{",
            "    \"@odata.type\":  \"#microsoft.graph.deviceManagementConfigurationPolicy\",",
            "    \"name\":  \"Windows Update for Business - Reports and Telemetry\",",
            "    \"platforms\":  \"windows10\",",
            "    \"technologies\":  \"mdm\",",
            "    \"settings\":  [",
            "                     {",
            "                         \"id\":  \"0\",",
            "                         \"settingInstance\":  {",
            "                                                 \"@odata.type\":  \"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance\",",
            "                                                 \"settingDefinitionId\":  \"device_vendor_msft_policy_config_system_allowtelemetry\",",
            "                                                 \"choiceSettingValue\":  {",
            "                                                                            \"value\":  \"device_vendor_msft_policy_config_system_allowtelemetry_3\",",
            "                                                                            \"children\":  [ ]",
            "                                                                        }",
            "                                             }",
            "                     }",
            "                 ]",
            "}",
            "");

        private string Write(string relative, byte[] bytes)
        {
            var path = Path.Combine(_dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private static byte[] Utf16LeBom(string text) => new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        [Test]
        public void FixThenLintShowsNoFindingOfAFixedRuleAndOnlyTheValuesChange()
        {
            var risky = Write(Path.Combine("DeviceConfiguration", "risky.json"), Risky);
            var (exit, output, error) = Run("fix", ".");
            Assert.That(error, Is.Empty);
            var expectedPath = Path.Combine("DeviceConfiguration", "risky.json");
            Assert.That(output, Does.StartWith(
                $"{expectedPath}(4,36): fixed CL1001: Set Windows diagnostic data level to 1\n" +
                $"{expectedPath}(6,28): fixed CL2020: Set Device restriction minimum password length to 6\n"));
            Assert.That(File.ReadAllText(risky), Is.EqualTo(Risky.Replace("\"full\"", "\"basic\"").Replace(": 4", ": 6")));
            var (lintExit, lintOutput, _) = Run("lint", ".");
            Assert.That(lintOutput, Does.Not.Contain("CL1001").And.Not.Contain("CL2020"));
            Assert.That(exit, Is.EqualTo(lintExit), "fix exits as lint does on what is left");
        }

        [Test]
        public void AFileNameWithAnEscapeSequenceIsShownAsTextOnItsLine()
        {
            Write("risky\u001b[31m.json", Risky);
            var (_, output, error) = Run("fix", ".", "--dry-run");
            Assert.That(error, Is.Empty);
            Assert.That(output.IndexOf('\u001b'), Is.EqualTo(-1), output);
            Assert.That(output, Does.StartWith("risky\\u001B[31m.json(4,36): would fix CL1001: "));
        }

        [Test]
        public void Utf16LeBomCrlfFileStaysSoAndOnlyTheValueBytesChange()
        {
            var original = Utf16LeBom(Catalog);
            var path = Write(Path.Combine("SettingsCatalog", "Reports and Telemetry.json"), original);
            var (_, output, error) = Run("fix", ".");
            Assert.That(error, Is.Empty);
            Assert.That(output, Does.Contain("fixed CL1001"));
            var after = File.ReadAllBytes(path);
            Assert.That(after, Is.EqualTo(Utf16LeBom(Catalog.Replace("allowtelemetry_3", "allowtelemetry_1"))));
            // Byte-identical except the value: one UTF-16 code unit, two bytes.
            var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != after[i]).ToList();
            Assert.That(after.Length, Is.EqualTo(original.Length));
            Assert.That(differing, Has.Count.EqualTo(1));
            Assert.That(Encoding.Unicode.GetString(after, 2, after.Length - 2).Split("\r\n").Length, Is.EqualTo(Catalog.Split("\r\n").Length));
        }

        [Test]
        public void DryRunWritesNothingAndDiffShowsTheChange()
        {
            var risky = Write("risky.json", Risky);
            var before = File.ReadAllBytes(risky);
            var time = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(risky, time);
            var (exit, output, _) = Run("fix", ".", "--dry-run", "--diff");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings), "the findings are still there");
            Assert.That(File.ReadAllBytes(risky), Is.EqualTo(before));
            Assert.That(File.GetLastWriteTimeUtc(risky), Is.EqualTo(time));
            Assert.That(output, Does.Contain(
                "--- a/risky.json\n+++ b/risky.json\n@@ -1,7 +1,7 @@\n {\n   \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n   \"displayName\": \"Risky\",\n" +
                "-  \"diagnosticsDataSubmissionMode\": \"full\",\n+  \"diagnosticsDataSubmissionMode\": \"basic\",\n   \"passwordRequired\": true,\n-  \"passwordMinimumLength\": 4\n+  \"passwordMinimumLength\": 6\n }\n"));
            Assert.That(output, Does.Contain("would fix 2 finding(s) in 1 file(s) of 1").And.Contain("(dry run: nothing written)"));
        }

        [Test]
        public void FilesWithoutFixesKeepTheirBytesAndModificationTime()
        {
            var clean = Write("clean.json", Clean);
            Write("risky.json", Risky);
            var time = new DateTime(2021, 6, 7, 8, 9, 10, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(clean, time);
            var bytes = File.ReadAllBytes(clean);
            Run("fix", ".");
            Assert.That(File.ReadAllBytes(clean), Is.EqualTo(bytes));
            Assert.That(File.GetLastWriteTimeUtc(clean), Is.EqualTo(time));
            Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "clean.json", "risky.json" }), "no temporary file is left");
        }

        [Test]
        public void RuleOptionLimitsTheFixesAndUnknownOrUnfixableRulesAreUsageErrors()
        {
            var risky = Write("risky.json", Risky);
            var (exit, output, _) = Run("fix", ".", "--rule", "CL2020");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings), output);
            Assert.That(File.ReadAllText(risky), Is.EqualTo(Risky.Replace(": 4", ": 6")));
            Assert.That(Run("fix", ".", "--rule", "CL9999").Exit, Is.EqualTo(ExitCodes.UsageError));
            var (unfixable, _, error) = Run("fix", ".", "--rule", "CL3001");
            Assert.That(unfixable, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(error, Does.Contain("--rule CL3001: the rule has no fix"));
        }

        [Test]
        public void ExitsZeroWhenEverythingFixableWasFixed()
        {
            var tenant = "{\"value\":[{\"id\":\"/providers/microsoft.intune/diagnosticSettings/d\",\"name\":\"d\",\"properties\":{\"workspaceId\":\"/subscriptions/s/w\",\"logs\":[{\"category\":\"AuditLogs\",\"enabled\":true}]}}]}";
            Write("diag.json", tenant);
            Write("branding.json", "{\n  \"@odata.type\": \"#microsoft.graph.intuneBrandingProfile\",\n  \"profileName\": \"P\",\n  \"privacyUrl\": \"https://contoso.example/privacy\",\n  \"disableClientTelemetry\": false\n}\n");
            var (exit, output, _) = Run("fix", ".");
            Assert.That(output, Does.Contain("fixed CL1006").And.Contain("fixed CL1005"));
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), output);
        }

        [Test]
        public void RefusesToWriteThroughASymbolicLinkOutsideTheInputs()
        {
            if (OperatingSystem.IsWindows()) Assert.Ignore("symbolic links need privileges on Windows");
            var outside = TestPaths.TempDirectory();
            var target = Path.Combine(outside, "elsewhere.json");
            File.WriteAllText(target, Risky);
            Directory.CreateDirectory(Path.Combine(_dir, "exports"));
            File.CreateSymbolicLink(Path.Combine(_dir, "exports", "linked.json"), target);
            var inside = Write(Path.Combine("exports", "inside-target.json"), Risky);
            File.CreateSymbolicLink(Path.Combine(_dir, "exports", "inside-link.json"), inside);

            var (exit, _, error) = Run("fix", "exports");
            Assert.That(File.ReadAllText(target), Is.EqualTo(Risky), "the file outside the inputs is untouched");
            Assert.That(error, Does.Contain("linked.json: not written: it is a symbolic link to").And.Contain("outside the inputs"));
            Assert.That(File.ReadAllText(inside), Does.Contain("\"basic\""));
            Assert.That(new FileInfo(Path.Combine(_dir, "exports", "inside-link.json")).LinkTarget, Is.Not.Null, "a link inside the inputs stays a link");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            Directory.Delete(outside, true);
        }

        [Test]
        public void FixAllOverAHundredRiskyFilesCompletesAndASecondRunChangesNothing()
        {
            for (int i = 0; i < 100; i++)
            {
                switch (i % 4)
                {
                    case 0: Write($"f{i:D3}/risky.json", Risky.Replace("Risky", "Risky " + i)); break;
                    case 1: Write($"f{i:D3}/SettingsCatalog/telemetry.json", Utf16LeBom(Catalog.Replace("Reports and Telemetry", "T" + i))); break;
                    case 2: Write($"f{i:D3}/app.json", "{\"@odata.type\":\"#microsoft.graph.androidManagedAppProtection\",\"displayName\":\"A" + i + "\",\"dataBackupBlocked\":false,\"saveAsBlocked\":false,\"screenCaptureBlocked\":false,\"allowedOutboundDataTransferDestinations\":\"allApps\",\"allowedOutboundClipboardSharingLevel\":\"allApps\",\"pinRequired\":true}"); break;
                    default: Write($"f{i:D3}/Intune Branding/b.yaml", "'@odata.type': '#microsoft.graph.intuneBrandingProfile'\ndisplayName: 'B" + i + "'\ndisableClientTelemetry: false\n"); break;
                }
            }
            var (_, first, error) = Run("fix", ".");
            Assert.That(error, Is.Empty);
            Assert.That(first, Does.Contain("in 100 file(s) of 100"));
            var snapshot = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Select(f => (f, File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f))).ToList();
            var (_, second, _) = Run("fix", ".");
            Assert.That(second, Does.Contain("fixed 0 finding(s) in 0 file(s) of 100"));
            var again = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Select(f => (f, File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f))).ToList();
            Assert.That(again.Select(x => x.f), Is.EqualTo(snapshot.Select(x => x.f)));
            for (int i = 0; i < again.Count; i++)
            {
                Assert.That(again[i].Item2, Is.EqualTo(snapshot[i].Item2), again[i].f);
                Assert.That(again[i].Item3, Is.EqualTo(snapshot[i].Item3), again[i].f);
            }
            var (_, lint, _) = Run("lint", ".");
            foreach (var id in new[] { "CL1001", "CL1005", "CL1006", "CL2001", "CL2002", "CL2004", "CL2005", "CL2014", "CL2020" })
            {
                Assert.That(lint, Does.Not.Contain(" " + id + ":"), id);
            }
        }
    }
}
