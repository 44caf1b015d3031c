using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;

namespace ConfigLint.Fuzz
{
    /// <summary>
    /// A long fuzz campaign against the real command line: mutated exports are written in batches, each batch is linted
    /// by one `configlint lint` process with every format, and the run is judged on exit codes (3 = crash), hangs (a
    /// batch that overruns its time limit is bisected down to the file), bad files without an input diagnostic
    /// (CL0001/CL0002/CL0003), rule failures (CL9001), SARIF validity against the 2.1.0 schema, JSON validity, and raw
    /// control or bidi characters in the line formats. See build/fuzz/RESULTS.md.
    /// </summary>
    public static class Program
    {
        private sealed class Options
        {
            public int Count = 100_000;
            public int Seed = 13;
            public int Batch = 1_000;
            public int TimeoutSeconds = 300;
            public string Work = Path.Combine(Path.GetTempPath(), "configlint-fuzz");
            public string Cli = string.Empty;
            public string Schema = string.Empty;
            public string Repo = string.Empty;
            public int Keep = 20;
        }

        private sealed class Tally
        {
            public int Inputs, Json, Yaml, Batches, Crashes, Unreproduced, BadByOracle, Diagnosed, Undiagnosed, RejectedValid, RuleFailures, Hangs, SarifValid, SarifInvalid, JsonInvalid, FileCountMismatch;
            public readonly Dictionary<int, int> Exits = new Dictionary<int, int>();
            public readonly Dictionary<string, int[]> PerKind = new Dictionary<string, int[]>(); // inputs, bad, undiagnosed, rejected-valid
            public readonly Dictionary<string, int> CrashKinds = new Dictionary<string, int>();
            public readonly Dictionary<string, int> CrashReasons = new Dictionary<string, int>();
            public readonly Dictionary<string, int> RawControlLines = new Dictionary<string, int>();
            public readonly List<string> Examples = new List<string>();
            public readonly Dictionary<string, int> UndiagnosedReasons = new Dictionary<string, int>();
        }

        public static int Main(string[] args)
        {
            var o = Parse(args);
            var seeds = LoadSeeds(o.Repo);
            Directory.CreateDirectory(o.Work);
            var failures = Path.Combine(o.Work, "failures");
            Directory.CreateDirectory(failures);
            var schema = JSchema.Parse(File.ReadAllText(o.Schema));
            var mutator = new Mutator(o.Seed, seeds);
            var tally = new Tally();
            var clock = Stopwatch.StartNew();
            Console.WriteLine($"fuzz: {o.Count} inputs, seed {o.Seed}, batches of {o.Batch}, {seeds.Count} seed files, work {o.Work}");

            for (int start = 0; start < o.Count; start += o.Batch)
            {
                int n = Math.Min(o.Batch, o.Count - start);
                var dir = Path.Combine(o.Work, "batch");
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
                var inDir = Path.Combine(dir, "in");
                Directory.CreateDirectory(inDir);
                var inputs = new List<FuzzInput>();
                for (int i = 0; i < n; i++)
                {
                    var input = mutator.Next(start + i);
                    inputs.Add(input);
                    File.WriteAllBytes(Path.Combine(inDir, input.FileName), input.Bytes);
                }
                RunBatch(o, dir, inputs, tally, schema, failures);
                tally.Batches++;
                Console.WriteLine($"fuzz: {start + n}/{o.Count} in {clock.Elapsed:hh\\:mm\\:ss}; exits {string.Join(" ", tally.Exits.Select(e => $"{e.Key}:{e.Value}"))}; crashes {tally.Crashes}; hangs {tally.Hangs}; undiagnosed {tally.Undiagnosed}; rule failures {tally.RuleFailures}; SARIF invalid {tally.SarifInvalid}");
            }

            var report = Report(o, tally, clock.Elapsed);
            File.WriteAllText(Path.Combine(o.Work, "summary.md"), report);
            Console.WriteLine(report);
            bool clean = tally.Exits.Keys.All(k => k == 0) && tally.Crashes == 0 && tally.Unreproduced == 0 && tally.Hangs == 0 && tally.Undiagnosed == 0 && tally.SarifInvalid == 0 && tally.JsonInvalid == 0 && tally.RuleFailures == 0;
            return clean ? 0 : 1;
        }

        private static void RunBatch(Options o, string dir, List<FuzzInput> inputs, Tally tally, JSchema schema, string failures)
        {
            PreScreen(dir, inputs, tally, failures);
            int exit;
            string stderr;
            // A crash (exit 3) or a hang stops the whole batch: find the files that cause it (bisecting with a fresh
            // process per half), record and remove them, and lint the rest again so every other file is still judged.
            for (int attempt = 0; ; attempt++)
            {
                var (code, timedOut, err) = Lint(o, dir, "in", o.TimeoutSeconds, allFormats: true);
                exit = code;
                stderr = err;
                if (!timedOut && code != 3) break;
                tally.Exits[timedOut ? -1 : code] = tally.Exits.TryGetValue(timedOut ? -1 : code, out var seen) ? seen + 1 : 1;
                if (code == 3 && tally.Examples.Count < o.Keep * 4) tally.Examples.Add("exit 3: " + FirstLine(stderr));
                var names = inputs.Select(i => i.FileName).ToList();
                var culprits = (timedOut ? Bisect(o, dir, names, r => r.TimedOut) : Bisect(o, dir, names, r => r.Exit == 3)).ToList();
                if (culprits.Count == 0 || attempt >= 5)
                {
                    // Not reproducible file by file (or too many): judge nothing in this batch rather than guess.
                    tally.Unreproduced++;
                    tally.Inputs += inputs.Count;
                    return;
                }
                foreach (var name in culprits)
                {
                    var input = inputs.First(i => i.FileName == name);
                    if (timedOut) tally.Hangs++; else tally.Crashes++;
                    Keep(tally, failures, input, timedOut ? "hang" : "crash");
                    tally.CrashKinds[input.Kind] = tally.CrashKinds.TryGetValue(input.Kind, out var k) ? k + 1 : 1;
                    File.Delete(Path.Combine(dir, "in", name));
                    inputs.Remove(input);
                    tally.Inputs++;
                }
            }
            tally.Exits[exit] = tally.Exits.TryGetValue(exit, out var c) ? c + 1 : 1;

            var findings = new Dictionary<string, List<(string Rule, string Severity)>>(StringComparer.Ordinal);
            JObject? json = null;
            try
            {
                json = JObject.Parse(File.ReadAllText(Path.Combine(dir, "r.json")));
            }
            catch (Exception ex)
            {
                tally.JsonInvalid++;
                tally.Examples.Add($"invalid JSON output (exit {exit}): {ex.Message}");
            }
            if (json != null)
            {
                foreach (var f in json["findings"] ?? new JArray())
                {
                    var path = (string?)f["path"];
                    if (path == null) continue;
                    if (!findings.TryGetValue(path, out var list)) findings[path] = list = new List<(string, string)>();
                    list.Add(((string?)f["ruleId"] ?? "", (string?)f["severity"] ?? ""));
                }
                if ((int?)json["files"] != inputs.Count) tally.FileCountMismatch++;
            }
            try
            {
                var sarif = JToken.Parse(File.ReadAllText(Path.Combine(dir, "r.sarif")));
                if (sarif.IsValid(schema, out IList<string> errors)) tally.SarifValid++;
                else
                {
                    tally.SarifInvalid++;
                    tally.Examples.Add("invalid SARIF: " + string.Join("; ", errors.Take(3)));
                }
            }
            catch (Exception ex)
            {
                tally.SarifInvalid++;
                tally.Examples.Add("unparsable SARIF: " + ex.Message);
            }
            foreach (var (format, file) in new[] { ("console", "r.txt"), ("github", "r.gh"), ("azure", "r.az") })
            {
                var path = Path.Combine(dir, file);
                if (!File.Exists(path)) continue;
                int raw = File.ReadAllText(path).Split('\n').Count(line => line.TrimEnd('\r').Any(IsRawControl));
                tally.RawControlLines[format] = (tally.RawControlLines.TryGetValue(format, out var r) ? r : 0) + raw;
            }

            foreach (var input in inputs)
            {
                tally.Inputs++;
                if (input.IsYaml) tally.Yaml++; else tally.Json++;
                var kind = input.Kind;
                if (!tally.PerKind.TryGetValue(kind, out var counts)) tally.PerKind[kind] = counts = new int[4];
                counts[0]++;
                var own = findings.TryGetValue(Path.Combine("in", input.FileName), out var l) ? l : new List<(string Rule, string Severity)>();
                bool inputError = own.Any(f => (f.Rule == "CL0001" || f.Rule == "CL0002" || f.Rule == "CL0003") && f.Severity == "error");
                if (own.Any(f => f.Rule == "CL9001"))
                {
                    tally.RuleFailures++;
                    Keep(tally, failures, input, "rule-failure");
                }
                var problem = Oracle.Problem(input.Bytes, input.IsYaml);
                if (problem != null)
                {
                    tally.BadByOracle++;
                    counts[1]++;
                    if (inputError) tally.Diagnosed++;
                    else if (json != null && exit != 3)
                    {
                        tally.Undiagnosed++;
                        counts[2]++;
                        var reason = Reason(problem);
                        tally.UndiagnosedReasons[reason] = tally.UndiagnosedReasons.TryGetValue(reason, out var u) ? u + 1 : 1;
                        Keep(tally, failures, input, "undiagnosed");
                    }
                }
                else if (inputError)
                {
                    tally.RejectedValid++;
                    counts[3]++;
                    Keep(tally, failures, input, "rejected-valid");
                }
            }
        }

        /// <summary>
        /// Lints each file in this process first, with the same engine and pack the CLI uses: a file whose lint throws
        /// (what ends a CLI run with exit 3) or takes over 30 s is recorded and taken out, so one crash does not cost a
        /// bisection of the whole batch. The CLI run then judges the rest as a user would see it.
        /// </summary>
        private static void PreScreen(string dir, List<FuzzInput> inputs, Tally tally, string failures)
        {
            var engine = new ConfigLint.Core.Engine.LintEngine(ConfigLint.Rules.IntunePack.Create());
            foreach (var input in inputs.ToList())
            {
                var run = engine.StartRun();
                var path = Path.Combine("in", input.FileName);
                var work = System.Threading.Tasks.Task.Run(() => run.LintBytes(path, input.Bytes));
                string? failure = null;
                bool hang = false;
                try
                {
                    if (!work.Wait(TimeSpan.FromSeconds(30))) hang = true;
                }
                catch (AggregateException ex)
                {
                    var inner = ex.InnerException ?? ex;
                    failure = inner.GetType().Name + ": " + inner.Message;
                }
                if (failure == null && !hang) continue;
                if (hang) tally.Hangs++; else tally.Crashes++;
                var reason = hang ? "hang" : Reason(failure!);
                tally.CrashReasons[reason] = tally.CrashReasons.TryGetValue(reason, out var n) ? n + 1 : 1;
                tally.CrashKinds[input.Kind] = tally.CrashKinds.TryGetValue(input.Kind, out var k) ? k + 1 : 1;
                Keep(tally, failures, input, hang ? "hang" : "crash");
                File.Delete(Path.Combine(dir, "in", input.FileName));
                inputs.Remove(input);
                tally.Inputs++;
                if (input.IsYaml) tally.Yaml++; else tally.Json++;
            }
        }

        /// <summary>The kind of oracle problem, without positions, for grouping.</summary>
        private static string Reason(string problem)
        {
            var cut = problem.IndexOf(" LineNumber", StringComparison.Ordinal);
            if (cut < 0) cut = problem.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut < 0) cut = problem.IndexOf(" (Line", StringComparison.Ordinal);
            if (cut < 0) cut = problem.IndexOf(" at index", StringComparison.Ordinal);
            var s = cut > 0 ? problem.Substring(0, cut) : problem;
            return s.Length > 120 ? s.Substring(0, 120) : s;
        }

        private static bool IsRawControl(char c) =>
            (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

        /// <summary>The files that make <paramref name="fails"/> true on their own, found by halving.</summary>
        private static IEnumerable<string> Bisect(Options o, string dir, List<string> files, Func<(int Exit, bool TimedOut), bool> fails)
        {
            if (files.Count == 0) yield break;
            var probe = Path.Combine(dir, "probe");
            if (Directory.Exists(probe)) Directory.Delete(probe, true);
            Directory.CreateDirectory(probe);
            foreach (var f in files) File.Copy(Path.Combine(dir, "in", f), Path.Combine(probe, f));
            // A hang is a file that takes more than a minute on its own; a batch is allowed more.
            int limit = files.Count == 1 ? 60 : o.TimeoutSeconds;
            var (exit, timedOut, _) = Lint(o, dir, "probe", limit, allFormats: false);
            if (!fails((exit, timedOut))) yield break;
            if (files.Count == 1)
            {
                yield return files[0];
                yield break;
            }
            int half = files.Count / 2;
            foreach (var f in Bisect(o, dir, files.Take(half).ToList(), fails)) yield return f;
            foreach (var f in Bisect(o, dir, files.Skip(half).ToList(), fails)) yield return f;
        }

        private static (int Exit, bool TimedOut, string Stderr) Lint(Options o, string dir, string folder, int timeoutSeconds, bool allFormats)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { o.Cli, "lint", folder, "--fail-level", "none" }) start.ArgumentList.Add(a);
            if (allFormats)
            {
                foreach (var (format, file) in new[] { ("json", "r.json"), ("sarif", "r.sarif"), ("console", "r.txt"), ("github", "r.gh"), ("azure", "r.az") })
                {
                    start.ArgumentList.Add("--format");
                    start.ArgumentList.Add(format);
                    start.ArgumentList.Add("--output");
                    start.ArgumentList.Add(file);
                }
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutSeconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return (-1, true, string.Empty);
            }
            process.WaitForExit();
            return (process.ExitCode, false, stderr.Result);
        }

        private static void Keep(Tally tally, string failures, FuzzInput input, string what)
        {
            var folder = Path.Combine(failures, what);
            Directory.CreateDirectory(folder);
            if (Directory.EnumerateFiles(folder).Count() >= 50) return;
            // The saved name drops the hostile characters, which the kind already records.
            var safe = new string(input.FileName.Select(ch => char.IsLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.' ? ch : '_').ToArray());
            File.WriteAllBytes(Path.Combine(folder, safe), input.Bytes);
        }

        private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? string.Empty;

        private static string Report(Options o, Tally t, TimeSpan elapsed)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"## Campaign: {t.Inputs:N0} inputs ({t.Json:N0} JSON, {t.Yaml:N0} YAML), seed {o.Seed}, {t.Batches} batches of {o.Batch}, {elapsed:hh\\:mm\\:ss}");
            sb.AppendLine();
            sb.AppendLine("| measure | value |");
            sb.AppendLine("|---|---|");
            sb.AppendLine($"| process exit codes (per batch run; -1 = timed out) | {string.Join(", ", t.Exits.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}"))} |");
            sb.AppendLine($"| files that crash the run (exit 3) alone | {t.Crashes} ({string.Join(", ", t.CrashKinds.OrderByDescending(k => k.Value).Select(k => $"{k.Key}: {k.Value}"))}) |");
            sb.AppendLine($"| hangs (files over 60 s alone) | {t.Hangs} |");
            sb.AppendLine($"| batches with a crash or hang not reproduced file by file | {t.Unreproduced} |");
            sb.AppendLine($"| bad files (by the independent oracle) | {t.BadByOracle:N0} |");
            sb.AppendLine($"| ... with an input error (CL0001/CL0002/CL0003) | {t.Diagnosed:N0} |");
            sb.AppendLine($"| ... **undiagnosed** | {t.Undiagnosed:N0} |");
            sb.AppendLine($"| well-formed files rejected with an input error | {t.RejectedValid:N0} |");
            sb.AppendLine($"| rule failures (CL9001) | {t.RuleFailures:N0} |");
            sb.AppendLine($"| SARIF logs valid / invalid (2.1.0 schema) | {t.SarifValid} / {t.SarifInvalid} |");
            sb.AppendLine($"| JSON reports unparsable | {t.JsonInvalid} |");
            sb.AppendLine($"| batches whose reported file count differs from the inputs | {t.FileCountMismatch} |");
            sb.AppendLine($"| lines with a raw control/bidi character (console, github, azure) | {string.Join(", ", new[] { "console", "github", "azure" }.Select(f => t.RawControlLines.TryGetValue(f, out var v) ? v.ToString("N0") : "0"))} |");
            sb.AppendLine();
            sb.AppendLine("| mutation | inputs | bad | undiagnosed | rejected valid |");
            sb.AppendLine("|---|---|---|---|---|");
            foreach (var (kind, c) in t.PerKind.Where(k => !k.Key.Contains('+')).OrderBy(k => k.Key)) sb.AppendLine($"| {kind} | {c[0]:N0} | {c[1]:N0} | {c[2]:N0} | {c[3]:N0} |");
            var combined = t.PerKind.Where(k => k.Key.Contains('+')).Select(k => k.Value).ToList();
            sb.AppendLine($"| (two mutations) | {combined.Sum(c => c[0]):N0} | {combined.Sum(c => c[1]):N0} | {combined.Sum(c => c[2]):N0} | {combined.Sum(c => c[3]):N0} |");
            if (t.CrashReasons.Count > 0)
            {
                sb.AppendLine();
                sb.AppendLine("Crashes (exit 3) and hangs by exception:");
                sb.AppendLine();
                foreach (var (reason, n) in t.CrashReasons.OrderByDescending(r => r.Value).Take(15)) sb.AppendLine($"- {n:N0} × {reason.Replace("|", "\\|")}");
            }
            if (t.UndiagnosedReasons.Count > 0)
            {
                sb.AppendLine();
                sb.AppendLine("Undiagnosed bad files by the oracle's reason (top 15):");
                sb.AppendLine();
                foreach (var (reason, n) in t.UndiagnosedReasons.OrderByDescending(r => r.Value).Take(15)) sb.AppendLine($"- {n:N0} × {reason.Replace("|", "\\|")}");
            }
            if (t.Examples.Count > 0)
            {
                sb.AppendLine();
                sb.AppendLine("Other problems (first ones):");
                sb.AppendLine();
                foreach (var e in t.Examples.Distinct().Take(10)) sb.AppendLine("- " + e.Replace("\n", " "));
            }
            return sb.ToString();
        }

        private static List<(string Name, byte[] Bytes)> LoadSeeds(string repo)
        {
            var roots = new[] { Path.Combine(repo, "tests", "ConfigLint.Tests", "Fixtures"), Path.Combine(repo, "tests", "samples") };
            return roots.Where(Directory.Exists)
                .SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories))
                .Where(f => (f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                    && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
                .ToList();
        }

        private static Options Parse(string[] args)
        {
            var o = new Options();
            for (int i = 0; i + 1 < args.Length; i += 2)
            {
                var v = args[i + 1];
                switch (args[i])
                {
                    case "--count": o.Count = int.Parse(v); break;
                    case "--seed": o.Seed = int.Parse(v); break;
                    case "--batch": o.Batch = int.Parse(v); break;
                    case "--timeout": o.TimeoutSeconds = int.Parse(v); break;
                    case "--work": o.Work = v; break;
                    case "--cli": o.Cli = v; break;
                    case "--schema": o.Schema = v; break;
                    case "--repo": o.Repo = v; break;
                    case "--keep": o.Keep = int.Parse(v); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            if (o.Cli.Length == 0 || o.Schema.Length == 0 || o.Repo.Length == 0) throw new ArgumentException("--cli, --schema and --repo are required (build/fuzz/run.sh passes them)");
            return o;
        }
    }
}
