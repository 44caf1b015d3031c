using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using ConfigLint.Cli;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// Issue 13 items 2 and 7: only regular files are read, symbolic links are followed once per real target, and a
    /// run's outputs never touch its inputs.
    /// </summary>
    [TestFixture]
    public sealed class InputWalkTests : TempFolderTests
    {
        private const string Risky = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Risky\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";
        private const string Clean = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Clean\",\n  \"diagnosticsDataSubmissionMode\": \"basic\"\n}\n";
        private const string RiskyLine = "(4,36): warning CL1001: Windows diagnostic data is above Basic/Required (1): property 'diagnosticsDataSubmissionMode' is 'full'; set it to Basic/Required (1) or lower";

        private void MakeFifo(string relative)
        {
            Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "FIFOs are a Unix file type");
            var path = Path.Combine(_dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
            mkfifo.WaitForExit();
            Assert.That(mkfifo.ExitCode, Is.EqualTo(0), "mkfifo");
        }

        private void Link(string relative, string target)
        {
            var path = Path.Combine(_dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                File.CreateSymbolicLink(path, target);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Assert.Ignore($"symbolic links cannot be created here: {ex.Message}");
            }
        }

        [Test]
        public void AFifoAndTwoSymlinkLoopsFinishInUnderASecondAndEachFileIsLintedOnce()
        {
            Write("tenant/policies/risky.json", Risky);
            MakeFifo("tenant/x.json");
            // Loop 1: a link back to an ancestor folder (the walk would descend forever and lint risky.json again and again).
            Link("tenant/policies/sub/up", "../..");
            // Loop 2: two folders that link to each other.
            Directory.CreateDirectory(Path.Combine(_dir, "tenant", "p"));
            Directory.CreateDirectory(Path.Combine(_dir, "tenant", "q"));
            Link("tenant/p/to-q", "../q");
            Link("tenant/q/to-p", "../p");
            // Warm the engine up on another folder, so the timing is the walk's, not the JIT's.
            Write("warm/clean.json", Clean);
            Run("lint", "warm");

            var clock = Stopwatch.StartNew();
            var (exit, output, err) = Run("lint", "tenant");
            clock.Stop();

            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), output);
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings), err);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var risky = Path.Combine("tenant", "policies", "risky.json");
            var fifo = Path.Combine("tenant", "x.json");
            Assert.That(lines.Where(l => l.StartsWith("tenant" + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToArray(), Is.EqualTo(new[]
            {
                risky + RiskyLine,
                fifo + "(1,1): info CL0006: skipped: a FIFO (named pipe), not a regular file; only regular files are read",
            }));
            Assert.That(lines.Last(), Does.StartWith("configlint: 2 file(s), 1 resource(s): 0 error(s), 1 warning(s)"));
        }

        [Test]
        public void AnAuditPassesOverAFifoAsLintDoesInsteadOfWaitingForAWriter()
        {
            Write("tenant/policies/risky.json", Risky);
            MakeFifo("tenant/x.json");
            var audit = System.Threading.Tasks.Task.Run(() => Run("audit", "tenant", "--history", "h.db", "--output-dir", "out"));
            try
            {
                Assert.That(audit.Wait(TimeSpan.FromSeconds(30)), Is.True, "the audit waited on the FIFO");
            }
            finally
            {
                // Release every reader the audit gets stuck in: opening a FIFO for reading and writing never blocks on
                // Linux, and closing it again gives the stuck reader an empty file.
                while (!audit.Wait(TimeSpan.FromMilliseconds(200)))
                {
                    using (new FileStream(Path.Combine(_dir, "tenant", "x.json"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite)) { }
                }
            }
            var (exit, _, err) = audit.Result;
            Assert.That(exit, Is.EqualTo(ExitCodes.Success), err);
            var findings = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(_dir, "out", "results.json")))["findings"]!;
            var skipped = findings.Single(f => (string?)f["ruleId"] == "CL0006");
            Assert.That((string?)skipped["message"], Is.EqualTo("skipped: a FIFO (named pipe), not a regular file; only regular files are read"));
            Assert.That(findings.Any(f => (string?)f["ruleId"] == "CL1001" && (string?)f["outcome"] == "fail"), Is.True);
        }

        [Test]
        public void AFileReachedThroughALinkIsLintedOnceUnderItsFirstPath()
        {
            Write("t/b/risky.json", Risky);
            Link("t/a-link.json", Path.Combine("b", "risky.json"));
            var (exit, output, _) = Run("lint", "t");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines[0], Is.EqualTo(Path.Combine("t", "a-link.json") + RiskyLine));
            Assert.That(lines[^1], Does.StartWith("configlint: 1 file(s)"));
        }

        [Test]
        public void ALinkThatLoopsOnItselfIsReportedAsUnreadable()
        {
            Write("t/clean.json", Clean);
            Link("t/l1.json", "l2.json");
            Link("t/l2.json", "l1.json");
            var (exit, output, _) = Run("lint", "t", "--fail-level", "error");
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines.Count(l => l.StartsWith(Path.Combine("t", "l1.json") + "(1,1): error CL0003: cannot read the file:", StringComparison.Ordinal)), Is.EqualTo(1), output);
            Assert.That(lines.Count(l => l.StartsWith(Path.Combine("t", "l2.json") + "(1,1): error CL0003: cannot read the file:", StringComparison.Ordinal)), Is.EqualTo(1), output);
        }

        [Test]
        public void AFifoNamedOnTheCommandLineIsAUsageErrorAndIsNotOpened()
        {
            Write("clean.json", Clean);
            MakeFifo("x.json");
            var clock = Stopwatch.StartNew();
            var (exit, output, err) = Run("lint", "clean.json", "x.json");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain($"{Path.Combine(_dir, "x.json")} is a FIFO (named pipe), not a regular file or folder"));
        }

        [Test]
        public void AnOutputInsideTheInputsIsNotLintedOnTheNextRun()
        {
            Write("tenant/clean.json", Clean);
            for (int run = 0; run < 2; run++)
            {
                var (exit, output, err) = Run("lint", "tenant", "--fail-level", "suggestion", "--format", "console", "--format", "json", "--output", "tenant/report.json", "--format", "sarif", "--output", "tenant/sub/report.sarif");
                Assert.That(exit, Is.EqualTo(ExitCodes.Success), $"run {run + 1}: {output}{err}");
                Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], Does.StartWith("configlint: 1 file(s), 1 resource(s): 0 error(s), 0 warning(s), 0 suggestion(s)"), $"run {run + 1}");
            }
            Assert.That(File.Exists(Path.Combine(_dir, "tenant", "report.json")), Is.True);
        }

        [Test]
        public void TheSameOutputForTwoFormatsIsAUsageErrorBeforeAnythingIsWritten()
        {
            Write("risky.json", Risky);
            var (exit, output, err) = Run("lint", "risky.json", "--format", "json", "--output", "out/r.json", "--format", "sarif", "--output", "out/../out/r.json");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("is given for both json and sarif; give each format its own file"));
            Assert.That(Directory.Exists(Path.Combine(_dir, "out")), Is.False);
        }

        [Test]
        public void AnOutputThatIsAnInputIsAUsageErrorAndTheInputIsUntouched()
        {
            var risky = Write("risky.json", Risky);
            var (exit, _, err) = Run("lint", "risky.json", "--format", "sarif", "--output", "risky.json");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(err, Does.Contain("is also an input (" + risky + "); it would overwrite what it reports on"));
            Assert.That(File.ReadAllText(risky), Is.EqualTo(Risky));
        }

        [Test]
        public void AnOutputThatIsAnInputThroughALinkIsAUsageError()
        {
            var risky = Write("risky.json", Risky);
            Link("alias.json", "risky.json");
            var (exit, _, err) = Run("lint", "alias.json", "--format", "json", "--output", "risky.json");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), err);
            Assert.That(File.ReadAllText(risky), Is.EqualTo(Risky));
        }
    }
}
