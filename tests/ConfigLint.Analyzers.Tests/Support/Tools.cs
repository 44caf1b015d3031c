using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using ConfigLint.Core.Model;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests.Support
{
    /// <summary>Paths of this checkout, and child processes (dotnet, the CLI) with their output captured.</summary>
    internal static class Tools
    {
        public static string RepoRoot { get; } = typeof(Tools).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ConfigLintRepoRoot").Value!.TrimEnd('/', '\\');

        public static string Dotnet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

        public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed)
        {
            public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
        }

        /// <param name="environment">Variables to set; a null value removes the variable.</param>
        public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
        {
            var start = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            if (environment != null)
            {
                foreach (var pair in environment)
                {
                    if (pair.Value == null) start.Environment.Remove(pair.Key);
                    else start.Environment[pair.Key] = pair.Value;
                }
            }
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromMinutes(3)).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{fileName} {string.Join(" ", start.ArgumentList)} timed out in {workingDirectory}");
            }
            process.WaitForExit();
            return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
        }

        /// <summary>
        /// Runs <c>configlint lint . --root . --format json</c> in <paramref name="directory"/> and returns its findings as keys.
        /// <c>--root .</c>: the analyzer's paths are relative to the project folder, so the CLI's must be relative to the same
        /// folder, not to the repository root it would find by default.
        /// </summary>
        public static List<string> CliFindings(string directory)
        {
            var cli = Path.Combine(AppContext.BaseDirectory, "configlint.dll");
            var result = Run(Dotnet, new[] { cli, "lint", ".", "--root", ".", "--format", "json" }, directory);
            Assert.That(result.ExitCode, Is.AnyOf(0, 1, 2), result.ToString());
            var report = JObject.Parse(result.StdOut);
            // Suppressed findings stay in the JSON report, as in the build's SARIF; neither channel counts them.
            return ((JArray)report["findings"]!).Where(f => f["suppressed"]?.Value<bool>() != true).Select(f => f["path"] == null
                    // A tenant finding in no file: Roslyn shows its export folder in the message, the CLI in "scope".
                    ? FindingKey.Of((string)f["ruleId"]!, null, 0, 0, 0, 0, (string)f["severity"]!, string.IsNullOrEmpty((string?)f["scope"]) ? (string)f["message"]! : (string)f["scope"]! + ": " + (string)f["message"]!)
                    : FindingKey.Of((string)f["ruleId"]!, ((string)f["path"]!).Replace('\\', '/'), (int)f["line"]!, (int)f["column"]!, (int)f["endLine"]!, (int)f["endColumn"]!, (string)f["severity"]!, (string)f["message"]!))
                .OrderBy(k => k, StringComparer.Ordinal).ToList();
        }

        /// <summary>The JSON and YAML files under <paramref name="directory"/>, minus the folders the CLI skips (the analyzer filters tooling files itself).</summary>
        public static List<string> ExportCandidatesUnder(string directory)
        {
            var skipped = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "node_modules", "bin", "obj", "TestResults" };
            var result = new List<string>();
            void Walk(string dir)
            {
                result.AddRange(Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                    || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)));
                foreach (var sub in Directory.EnumerateDirectories(dir).Where(d => !skipped.Contains(Path.GetFileName(d)) && !Path.GetFileName(d).StartsWith(".", StringComparison.Ordinal))) Walk(sub);
            }
            Walk(directory);
            return result;
        }

        public static string SeverityOfSarifLevel(string level) => level switch
        {
            "error" => Severity.Error.ToName(),
            "warning" => Severity.Warning.ToName(),
            _ => "note",
        };

        public static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            foreach (var dir in Directory.EnumerateDirectories(from))
            {
                var name = Path.GetFileName(dir);
                if (name is "bin" or "obj") continue;
                CopyDirectory(dir, Path.Combine(to, name));
            }
        }
    }
}
