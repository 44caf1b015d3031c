using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli
{
    /// <summary>Everything a formatter needs: the findings in report order and the catalog they come from.</summary>
    public sealed class LintReport
    {
        public LintReport(IReadOnlyList<Finding> findings, IReadOnlyList<RuleDescriptor> rules, IReadOnlyList<string> files, int resourceCount, string baseDirectory)
        {
            Findings = findings;
            Rules = rules;
            Files = files;
            ResourceCount = resourceCount;
            BaseDirectory = baseDirectory;
        }

        public IReadOnlyList<Finding> Findings { get; }
        public IReadOnlyList<RuleDescriptor> Rules { get; }

        /// <summary>The display paths of every file linted, in order.</summary>
        public IReadOnlyList<string> Files { get; }

        public int ResourceCount { get; }

        /// <summary>The directory display paths are relative to (the working directory).</summary>
        public string BaseDirectory { get; }

        public static string ToolVersion => typeof(LintReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
