using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ConfigLint.Core.Rules;

namespace ConfigLint.Tools
{
    /// <summary>
    /// Contributor tooling, run from the repository root:
    /// <c>dotnet run --project build/tools -- new-rule CL1035 Privacy.Windows.AdvertisingId</c>,
    /// <c>... -- generate [--check]</c>, <c>... -- update-fixtures CL1035</c>. Exit 0 done, 1 drift or fixture problems, 2 usage.
    /// </summary>
    public static class Program
    {
        public const int Success = 0;
        public const int Problems = 1;
        public const int UsageError = 2;

        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            var id = new Argument<string>("ID") { Description = "The rule ID: the category's Next in rules/DiagnosticCategoryAndIdRanges.txt, e.g. CL1035." };
            var name = new Argument<string>("NAME") { Description = "The dotted rule name, starting with its category, e.g. Privacy.Windows.AdvertisingId." };
            var severity = new Option<string?>("--severity") { Description = "The default severity, only needed when the pack does not describe the rule yet." };
            var newRule = new Command("new-rule", "Write a new rule's doc skeleton, empty fixtures and release row, and take the next ID.") { id, name, severity };
            newRule.SetAction(parse => Guarded(error, () =>
            {
                NewRule.Run(RepoLayout.Find(), parse.GetValue(id)!, parse.GetValue(name)!, parse.GetValue(severity), output);
                return Success;
            }));

            var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when a generated file is out of date." };
            var generate = new Command("generate", "Regenerate the README rule table, rules/AnalyzerReleases.Unshipped.md and the compiled built-in packs (rules/ConfigLint.Rules/BuiltInPacks.g.cs) from the catalog.") { check };
            generate.SetAction(parse => Guarded(error, () =>
            {
                var repo = RepoLayout.Find();
                bool dryRun = parse.GetValue(check);
                var changed = Bookkeeping.Generate(repo, CatalogRule.FromPack(), dryRun);
                foreach (var path in changed) output.WriteLine(dryRun ? $"out of date: {path}" : $"wrote {path}");
                if (changed.Count == 0) output.WriteLine("README.md, rules/AnalyzerReleases.Unshipped.md and BuiltInPacks.g.cs are up to date");
                return dryRun && changed.Count > 0 ? Problems : Success;
            }));

            var rules = new Argument<string[]>("ID") { Description = "Rules whose fail fixtures get their .expected files rewritten.", Arity = ArgumentArity.ZeroOrMore };
            var all = new Option<bool>("--all") { Description = "Every rule's fixtures (review the diff with care)." };
            var updateFixtures = new Command("update-fixtures", "Write the .expected files of the named rules' fail fixtures from what the engine reports.") { rules, all };
            updateFixtures.SetAction(parse => Guarded(error, () =>
                UpdateFixtures.Run(RepoLayout.Find(), parse.GetValue(rules) ?? Array.Empty<string>(), parse.GetValue(all), output) == 0 ? Success : Problems));

            var root = new RootCommand("ConfigLint contributor tools: rule bookkeeping and fixtures.") { newRule, generate, updateFixtures };
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var parseError in parsed.Errors) error.WriteLine($"configlint-tools: error: {parseError.Message}");
                return UsageError;
            }
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }

        private static int Guarded(TextWriter error, Func<int> action)
        {
            try
            {
                return action();
            }
            catch (ToolException ex)
            {
                error.WriteLine($"configlint-tools: error: {ex.Message}");
                return UsageError;
            }
            catch (RulePackException ex)
            {
                // A half-written YAML entry: say where, as the engine does.
                error.WriteLine($"configlint-tools: error: the rule pack does not load: {ex.Message}");
                return UsageError;
            }
        }
    }
}
