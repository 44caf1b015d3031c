using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ConfigLint.Core.Model;
using ConfigLint.Rules;

namespace ConfigLint.Tools
{
    /// <summary>
    /// <c>new-rule CL1035 Privacy.Windows.AdvertisingId</c>: everything a new rule needs besides its YAML entry (or C#
    /// class), its doc prose and its fixture contents. Never overwrites a file.
    /// </summary>
    public static class NewRule
    {
        private static readonly Regex DottedName = new Regex(@"^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)+$");

        /// <summary>The empty fixture files the author fills; empty on purpose, so that an unfilled one fails its test.</summary>
        public static readonly IReadOnlyList<string> FixtureFiles = new[] { "fail.example.json", "fail.example.expected", "pass.example.json" };

        public static IReadOnlyList<string> Run(RepoLayout repo, string id, string name, string? severityText, TextWriter output)
        {
            var ranges = IdRanges.Parse(RepoLayout.Read(repo.RangesFile));
            var range = ranges.RangeOf(id) ?? throw new ToolException($"'{id}' is not CL plus four digits in a category range of rules/DiagnosticCategoryAndIdRanges.txt ({string.Join(", ", ranges.Ranges.Select(r => $"{r.Category} {IdRanges.Format(r.From)}-{IdRanges.Format(r.To)}"))})");
            if (!DottedName.IsMatch(name)) throw new ToolException($"'{name}' is not a dotted name such as {range.Category}.Windows.AdvertisingId");
            if (!name.StartsWith(range.Category + ".", StringComparison.Ordinal)) throw new ToolException($"{id} is in the {range.Category} range, so its name starts with '{range.Category}.' ('{name}' does not)");

            var doc = repo.DocPage(id);
            var fixtures = Path.Combine(repo.FixturesFolder, id);
            if (File.Exists(doc)) throw new ToolException($"rules/docs/{id}.md already exists; new-rule never overwrites a file");
            if (Directory.Exists(fixtures)) throw new ToolException($"tests/ConfigLint.Tests/Fixtures/{id} already exists; new-rule never overwrites a file");
            int number = int.Parse(id.Substring(2), System.Globalization.CultureInfo.InvariantCulture);
            if (number != range.Next) throw new ToolException($"{id} is not the next {range.Category} ID: rules/DiagnosticCategoryAndIdRanges.txt says Next: {IdRanges.Format(range.Next)}");

            // Write the YAML entry (or C# class) first and the pack describes the rule; otherwise --severity must say it.
            var catalog = CatalogRule.FromPack().ToList();
            var described = BuiltInPackSource.SourcePack().Descriptors.FirstOrDefault(d => d.Id == id);
            CatalogRule rule;
            if (described != null)
            {
                if (described.Name != name) throw new ToolException($"the pack names {id} '{described.Name}', not '{name}'");
                if (described.Category != range.Category) throw new ToolException($"the pack puts {id} in category '{described.Category}', but its range is {range.Category}");
                rule = CatalogRule.Of(described);
                if (severityText != null && (!SeverityNames.TryParse(severityText, out var given) || given != rule.Severity))
                    throw new ToolException($"--severity {severityText} disagrees with the pack, which gives {id} '{rule.Severity.ToName()}'");
            }
            else
            {
                if (severityText == null) throw new ToolException($"{id} is not in the pack yet: write its YAML entry (or C# class) first, or pass --severity error|warning|suggestion|info");
                if (!SeverityNames.TryParse(severityText, out var severity) || severity == Severity.None) throw new ToolException($"'{severityText}' is not a severity; expected error, warning, suggestion or info");
                rule = new CatalogRule(id, name, range.Category, severity);
                catalog.Add(rule);
            }

            var written = new List<string>();
            void Put(string path, string text)
            {
                RepoLayout.Write(path, text);
                written.Add(Path.GetRelativePath(repo.Root, path).Replace('\\', '/'));
            }
            Put(doc, RuleDoc.Skeleton(id, name, rule.Category, rule.Severity, described?.Title, described?.Source));
            foreach (var file in FixtureFiles) Put(Path.Combine(fixtures, file), string.Empty);
            Put(repo.RangesFile, ranges.WithNext(range.Category, range.Next + 1));
            Put(repo.UnshippedFile, Bookkeeping.ExpectedUnshipped(repo, catalog));
            if (described != null)
            {
                var readme = Bookkeeping.ExpectedReadme(repo);
                if (readme != RepoLayout.Read(repo.Readme)) Put(repo.Readme, readme);
            }

            foreach (var path in written) output.WriteLine($"wrote {path}");
            output.WriteLine();
            output.WriteLine("Now write by hand:");
            if (described == null) output.WriteLine($"  - the rule: a YAML entry in rules/packs/*.yaml (or a C# rule under rules/ConfigLint.Rules/{range.Category}/), then run `dotnet run --project build/tools -- generate` for the README table");
            output.WriteLine($"  - the prose of rules/docs/{id}.md (every section; the comments say what goes there)");
            output.WriteLine($"  - tests/ConfigLint.Tests/Fixtures/{id}/fail.example.json (an export the rule reports; rename freely, keep the fail./pass. prefix) and pass.example.json (a near miss it accepts)");
            output.WriteLine($"  - then `dotnet run --project build/tools -- update-fixtures {id}` writes fail.example.expected; check every line and column");
            output.WriteLine($"  - and `dotnet test tests/ConfigLint.Tests --filter \"FullyQualifiedName~{id}|FullyQualifiedName~CatalogTests\"`");
            return written;
        }
    }
}
