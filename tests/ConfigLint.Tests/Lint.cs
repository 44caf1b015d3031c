using System.Collections.Generic;
using System.Linq;
using ConfigLint.Cli.Formatters;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Rules;

namespace ConfigLint.Tests
{
    /// <summary>Small helpers to lint in-memory text with the real Intune pack.</summary>
    public static class Lint
    {
        public static LintEngine Engine { get; } = new LintEngine(IntunePack.Create());

        /// <summary>Lints named texts as one run; returns file and tenant findings in report order.</summary>
        public static List<Finding> Texts(params (string Path, string Text)[] files)
        {
            var run = Engine.StartRun();
            // Lint every file before completing the run: tenant rules report on what they have seen.
            var findings = files.SelectMany(f => run.LintText(f.Path, f.Text).Findings).ToList();
            findings.AddRange(run.Complete());
            findings.Sort(Finding.ReportOrder);
            return findings;
        }

        public static List<Finding> Text(string path, string text) => Texts((path, text));

        public static List<string> Lines(IEnumerable<Finding> findings) => findings.Select(ConsoleFormatter.FormatLine).ToList();
    }
}
