using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using YamlDotNet.RepresentationModel;

namespace ConfigLint.Tests
{
    /// <summary>
    /// Runs the composite action's steps (<c>action.yml</c> at the repository root) as the runner would: each step's
    /// <c>run</c> script in bash with its <c>env</c>, <c>${{ inputs.* }}</c> replaced by the inputs' defaults, and the
    /// runner's files (GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STEP_SUMMARY). The tool under test is put on the PATH, so the
    /// install step takes its "already installed" branch.
    /// </summary>
    [TestFixture]
    public sealed class ActionTests
    {
        private const string Risky = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"Risky\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";

        [Test]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the steps are bash; the guard below ignores the test there
        public void TheActionLintsWritesSarifAndASummaryAndFailsAtTheFailLevel()
        {
            if (OperatingSystem.IsWindows() || !File.Exists("/bin/bash")) Assert.Ignore("the composite action's steps are bash");
            var dir = TestPaths.TempDirectory();
            try
            {
                var workspace = Directory.CreateDirectory(Path.Combine(dir, "workspace")).FullName;
                Directory.CreateDirectory(Path.Combine(workspace, ".git"));
                Directory.CreateDirectory(Path.Combine(workspace, "tenants", "contoso"));
                File.WriteAllText(Path.Combine(workspace, "tenants", "contoso", "risky.json"), Risky);
                var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
                var shim = Path.Combine(bin, "configlint");
                File.WriteAllText(shim, $"#!/bin/sh\nexec dotnet \"{Path.Combine(TestPaths.Output, "configlint.dll")}\" \"$@\"\n");
                File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

                var files = new Dictionary<string, string>
                {
                    ["GITHUB_OUTPUT"] = Path.Combine(dir, "output.txt"),
                    ["GITHUB_PATH"] = Path.Combine(dir, "path.txt"),
                    ["GITHUB_STEP_SUMMARY"] = Path.Combine(dir, "summary.md"),
                };
                foreach (var file in files.Values) File.WriteAllText(file, string.Empty);

                var action = new YamlStream();
                action.Load(new StringReader(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "action.yml"))));
                var root = (YamlMappingNode)action.Documents[0].RootNode;
                var inputs = ((YamlMappingNode)root["inputs"]).Children.ToDictionary(
                    p => ((YamlScalarNode)p.Key).Value!,
                    p => ((YamlMappingNode)p.Value).Children.TryGetValue(new YamlScalarNode("default"), out var d) ? ((YamlScalarNode)d).Value ?? string.Empty : string.Empty);
                inputs["path"] = "tenants";
                var runs = (YamlMappingNode)root["runs"];
                Assert.That(((YamlScalarNode)runs["using"]).Value, Is.EqualTo("composite"));

                var exits = new List<int>();
                var stdout = new List<string>();
                foreach (YamlMappingNode step in (YamlSequenceNode)runs["steps"])
                {
                    Assert.That(((YamlScalarNode)step["shell"]).Value, Is.EqualTo("bash"));
                    var start = new ProcessStartInfo("/bin/bash", new[] { "-e", "-c", ((YamlScalarNode)step["run"]).Value! })
                    {
                        WorkingDirectory = workspace,
                        RedirectStandardOutput = true,
                        RedirectStandardError = true,
                        UseShellExecute = false,
                    };
                    start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
                    start.Environment["RUNNER_TEMP"] = dir;
                    start.Environment["GITHUB_ACTIONS"] = "true";
                    start.Environment["GITHUB_WORKSPACE"] = workspace;
                    foreach (var (key, value) in files) start.Environment[key] = value;
                    if (step.Children.TryGetValue(new YamlScalarNode("env"), out var env))
                    {
                        foreach (var pair in ((YamlMappingNode)env).Children)
                        {
                            string value = Regex.Replace(((YamlScalarNode)pair.Value).Value ?? string.Empty, @"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", m => inputs[m.Groups[1].Value]);
                            Assert.That(value, Does.Not.Contain("${{"), "every expression in the action's env is an input");
                            start.Environment[((YamlScalarNode)pair.Key).Value!] = value;
                        }
                    }
                    using var process = Process.Start(start)!;
                    var output = process.StandardOutput.ReadToEndAsync();
                    var error = process.StandardError.ReadToEnd();
                    process.WaitForExit();
                    stdout.Add(output.Result);
                    exits.Add(process.ExitCode);
                    if (process.ExitCode != 0) break;
                }

                Assert.That(exits, Is.EqualTo(new[] { 0, 1 }), "installed (already on the PATH), then failed at the warning");
                Assert.That(stdout[0], Does.StartWith("using " + shim));
                var commands = CiLogModels.GitHub(stdout[1]);
                Assert.That(commands.Select(c => c.Name), Does.Contain("warning"));
                Assert.That(commands.Single(c => c.Name == "warning").Properties["file"], Is.EqualTo("tenants/contoso/risky.json"));
                var outputs = File.ReadAllLines(files["GITHUB_OUTPUT"]);
                Assert.That(outputs, Is.EqualTo(new[] { "sarif-file=configlint.sarif", "exit-code=1" }));
                var sarif = JObject.Parse(File.ReadAllText(Path.Combine(workspace, "configlint.sarif")));
                Assert.That(sarif["runs"]![0]!["results"]!.Select(r => (string?)r["ruleId"]), Does.Contain("CL1001"));
                Assert.That(File.ReadAllText(files["GITHUB_STEP_SUMMARY"]), Does.StartWith("## ConfigLint failed"));
            }
            finally
            {
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }
    }
}
