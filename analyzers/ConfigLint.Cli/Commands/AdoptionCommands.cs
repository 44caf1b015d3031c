using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Adoption;
using ConfigLint.Core.Suppressions;

namespace ConfigLint.Cli.Commands
{
    /// <summary>The command-line surface of suppressions, baselines and custom rule packs, kept apart from CliApp's own wiring.</summary>
    public static class AdoptionCommands
    {
        /// <summary>The options <c>lint</c> gains: <c>--baseline FILE</c> and <c>--rules PATH</c> (repeatable).</summary>
        public sealed class LintOptions
        {
            public Option<string> Baseline { get; } = new Option<string>("--baseline")
            {
                Description = "Known-findings baseline (from 'configlint baseline create'): fail only on findings not in it.",
            };

            public Option<string[]> Rules { get; } = RulesOption();

            public void AddTo(Command command)
            {
                command.Options.Add(Baseline);
                command.Options.Add(Rules);
            }

            public LintAdoption Read(ParseResult parse) => new LintAdoption
            {
                BaselinePath = parse.GetValue(Baseline),
                RulePacks = parse.GetValue(Rules) ?? Array.Empty<string>(),
            };
        }

        /// <summary>The <c>--rules</c> option, for commands that read custom packs without the rest of lint's adoption options.</summary>
        internal static Option<string[]> Rules() => RulesOption();

        private static Option<string[]> RulesOption() => new Option<string[]>("--rules")
        {
            Description = "A custom YAML rule pack, or a folder of them (repeat for more).",
            AllowMultipleArgumentsPerToken = false,
        };

        /// <summary><c>configlint suppress ...</c></summary>
        public static Command Suppress(TextWriter output, TextWriter error, string baseDirectory)
        {
            var rule = new Option<string>("--rule") { Description = "The rule ID to suppress, e.g. CL2029.", Required = true };
            var target = new Option<string>("--target") { Description = "The resource: its Graph id, its display name, or a file glob.", Required = true };
            var setting = new Option<string>("--setting") { Description = "Only this setting: its JSON pointer or setting ID (see 'setting' in the JSON report)." };
            var justification = new Option<string>("--justification") { Description = "Why the risk is accepted.", Required = true };
            var owner = new Option<string>("--owner") { Description = "Who answers for the accepted risk.", Required = true };
            var expires = new Option<string>("--expires") { Description = "The last day the suppression applies (yyyy-MM-dd)." };
            var file = new Option<string>("--file") { Description = $"The suppressions file (default: {SuppressionFile.FileName} in the current folder)." };
            var command = new Command("suppress", $"Accept one finding's risk: append an entry to {SuppressionFile.FileName}.")
            {
                rule, target, setting, justification, owner, expires, file,
            };
            command.SetAction(parse => new SuppressCommand(output, error).Run(
                parse.GetValue(rule)!, parse.GetValue(target)!, parse.GetValue(setting), parse.GetValue(justification)!, parse.GetValue(owner)!,
                parse.GetValue(expires), Path.Combine(baseDirectory, parse.GetValue(file) ?? SuppressionFile.FileName)));
            return command;
        }

        /// <summary><c>configlint baseline create PATH... --output FILE [--rules PATH]</c></summary>
        public static Command Baseline(TextWriter output, TextWriter error, string baseDirectory)
        {
            var paths = new Argument<string[]>("PATH") { Description = "Export files or folders.", Arity = ArgumentArity.OneOrMore };
            var file = new Option<string>("--output", "-o") { Description = "The baseline file to write (e.g. configlint.baseline.json).", Required = true };
            var rules = RulesOption();
            var create = new Command("create", "Write today's findings, with their fingerprints, to a baseline file.") { paths, file, rules };
            create.SetAction(parse => new BaselineCommand(output, error).Create(
                (parse.GetValue(paths) ?? Array.Empty<string>()).Select(p => Path.Combine(baseDirectory, p)).ToList(),
                parse.GetValue(file)!, baseDirectory, new LintAdoption { RulePacks = parse.GetValue(rules) ?? Array.Empty<string>() }));
            return new Command("baseline", "Known-findings baselines: 'lint --baseline FILE' fails only on new findings.") { create };
        }
    }
}
