using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Commands;
using ConfigLint.Cli.Formatters;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli
{
    /// <summary>The command line: parses arguments, runs a command, returns its exit code (never exits the process).</summary>
    public static class CliApp
    {
        public static int Run(string[] args, TextWriter output, TextWriter error, string? workingDirectory = null, OutputEnvironment? environment = null)
        {
            environment ??= OutputEnvironment.FromProcess();
            string baseDirectory = workingDirectory ?? Directory.GetCurrentDirectory();
            var formatOption = new Option<string[]>("--format", "-f")
            {
                Description = $"Output format: {string.Join(", ", FormatterRegistry.Names)}. Repeat it, each optionally followed by --output.",
                AllowMultipleArgumentsPerToken = false,
            };
            var outputOption = new Option<string[]>("--output", "-o")
            {
                Description = "File for the --format before it (without it, that format goes to standard output).",
            };
            var failLevelOption = new Option<string>("--fail-level")
            {
                Description = "Exit with 1 when a finding is at or above this level: error, warning, suggestion or none.",
                DefaultValueFactory = _ => "warning",
            };
            failLevelOption.AcceptOnlyFromAmong("error", "warning", "suggestion", "none");
            var settingsOption = new Option<string>("--settings")
            {
                Description = "The settings file (configlint.yaml) to use; without it, the nearest one at or above the first PATH.",
            };
            var pathsArgument = new Argument<string[]>("PATH")
            {
                Description = "Export files or folders (searched recursively for .json).",
                Arity = ArgumentArity.OneOrMore,
            };

            var rootOption = new Option<string>("--root") { Description = "Folder report paths are relative to (default: the repository root found from .git, else GITHUB_WORKSPACE / BUILD_SOURCESDIRECTORY, else the working directory)." };
            var quietOption = new Option<bool>("--quiet", "-q") { Description = "Print only findings at or above the fail level (console and pretty)." };
            var automationIdOption = new Option<string>("--automation-id") { Description = "SARIF automationDetails.id (default configlint/<tenant>/)." };
            var helpBaseOption = new Option<string>("--help-base-uri") { Description = "Base URI of the rule doc pages for help links (default: settings key configlint.help_base_uri, else no links)." };
            var lint = new Command("lint", "Lint Intune configuration exports.") { pathsArgument, formatOption, outputOption, failLevelOption, rootOption, quietOption, automationIdOption, helpBaseOption, settingsOption };
            var adoption = new AdoptionCommands.LintOptions();
            adoption.AddTo(lint);
            lint.SetAction(parse =>
            {
                var outputs = PairOutputs(parse, error, baseDirectory);
                if (outputs == null) return ExitCodes.UsageError;
                var level = parse.GetValue(failLevelOption) ?? "warning";
                Severity? fail = level == "none" ? null : SeverityNames.Parse(level);
                var paths = parse.GetValue(pathsArgument) ?? Array.Empty<string>();
                var settings = new ReportSettings
                {
                    Root = parse.GetValue(rootOption),
                    Quiet = parse.GetValue(quietOption),
                    AutomationId = parse.GetValue(automationIdOption),
                    HelpBaseUri = parse.GetValue(helpBaseOption),
                    Environment = environment,
                    Arguments = args,
                };
                return new LintCommand(output, error).Run(paths.Select(p => Path.Combine(baseDirectory, p)).ToList(), outputs, fail, baseDirectory, settings, parse.GetValue(settingsOption), adoption.Read(parse));
            });

            var rulesFormat = new Option<string>("--format", "-f") { Description = "markdown or json", DefaultValueFactory = _ => "markdown" };
            rulesFormat.AcceptOnlyFromAmong("markdown", "json");
            var explainOption = new Option<string>("--explain") { Description = "Print one rule's doc page (e.g. --explain CL1001)." };
            var rules = new Command("rules", "List the rule catalog.") { rulesFormat, explainOption };
            rules.SetAction(parse =>
            {
                var explain = parse.GetValue(explainOption);
                return explain != null ? new RulesCommand(output).Explain(explain, error) : new RulesCommand(output).Run(parse.GetValue(rulesFormat) ?? "markdown");
            });

            var root = new RootCommand("ConfigLint: offline static analysis of Microsoft Intune configuration exports.")
            {
                lint, rules, FixCommand.Create(output, error, baseDirectory), AdoptionCommands.Suppress(output, error, baseDirectory), AdoptionCommands.Baseline(output, error, baseDirectory),
            };
            foreach (var command in AuditCommand.All(output, error, baseDirectory)) root.Add(command);
            try
            {
                var parsed = root.Parse(args);
                var unknown = UnknownOptions(parsed);
                if (parsed.Errors.Count > 0 || unknown.Count > 0)
                {
                    foreach (var option in unknown) error.WriteLine($"configlint: error: unknown option '{option}' (a path that starts with '-' can follow '--')");
                    // System.CommandLine would return 1, which CI reads as "findings"; bad arguments are exit 2.
                    foreach (var parseError in parsed.Errors) error.WriteLine($"configlint: error: {parseError.Message}");
                    error.WriteLine("Run 'configlint --help' for usage.");
                    return ExitCodes.UsageError;
                }
                return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            }
            catch (Exception ex)
            {
                error.WriteLine($"configlint: internal error: {ex}");
                return ExitCodes.InternalError;
            }
        }

        /// <summary>
        /// Tokens that look like options but matched none. The PATH argument takes any word, so without this check
        /// <c>lint --quiet x</c> would lint a path named "--quiet". Words after <c>--</c> are paths whatever they look like.
        /// </summary>
        private static List<string> UnknownOptions(ParseResult parsed)
        {
            var unknown = new List<string>();
            var tokens = parsed.Tokens;
            for (int i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                if (token.Type == TokenType.DoubleDash) break;
                bool optionValue = i > 0 && tokens[i - 1].Type == TokenType.Option;
                if (token.Type == TokenType.Argument && !optionValue && token.Value.Length > 1 && token.Value[0] == '-') unknown.Add(token.Value);
            }
            return unknown;
        }

        /// <summary>The format an output file's extension names unambiguously, or null.</summary>
        private static string? FormatOfExtension(string path)
        {
            var extension = Path.GetExtension(path);
            if (extension.Equals(".sarif", StringComparison.OrdinalIgnoreCase)) return "sarif";
            if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase)) return "json";
            return null;
        }

        /// <summary>
        /// Pairs each --output with the --format written before it, in command-line order; a format with no
        /// output goes to standard output, and with no --format at all the console format is used.
        /// </summary>
        private static List<OutputRequest>? PairOutputs(ParseResult parse, TextWriter error, string baseDirectory)
        {
            var requests = new List<(string Format, string? Path)>();
            var tokens = parse.Tokens;
            for (int i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                if (t.Type != TokenType.Option || i + 1 >= tokens.Count) continue;
                string value = tokens[i + 1].Value;
                if (t.Value == "--format" || t.Value == "-f")
                {
                    requests.Add((value, null));
                }
                else if (t.Value == "--output" || t.Value == "-o")
                {
                    if (requests.Count == 0)
                    {
                        // No --format before it: only an extension that names one format is enough.
                        var inferred = FormatOfExtension(value);
                        if (inferred == null)
                        {
                            error.WriteLine($"configlint: error: --output {value} has no --format before it, and its extension does not tell the format (.sarif and .json do); write --format FORMAT --output {value}");
                            return null;
                        }
                        requests.Add((inferred, value));
                    }
                    else if (requests[requests.Count - 1].Path == null)
                    {
                        requests[requests.Count - 1] = (requests[requests.Count - 1].Format, value);
                    }
                    else
                    {
                        error.WriteLine($"configlint: error: --output {value} follows a format that already has an output; write --format before each --output");
                        return null;
                    }
                }
            }
            if (requests.Count == 0) requests.Add(("console", null));

            var result = new List<OutputRequest>();
            foreach (var (format, path) in requests)
            {
                var formatter = FormatterRegistry.Find(format);
                if (formatter == null)
                {
                    error.WriteLine($"configlint: error: unknown format '{format}'; expected one of {string.Join(", ", FormatterRegistry.Names)}");
                    return null;
                }
                result.Add(new OutputRequest(formatter, path == null ? null : Path.Combine(baseDirectory, path)));
            }
            if (result.Count(r => r.Path == null) > 1)
            {
                error.WriteLine("configlint: error: only one format can go to standard output; give the others an --output file");
                return null;
            }
            return result;
        }
    }
}
