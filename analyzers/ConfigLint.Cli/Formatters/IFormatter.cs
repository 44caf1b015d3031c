using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>One output format: a pure function from a report to text.</summary>
    public interface IFormatter
    {
        string Name { get; }

        void Write(LintReport report, TextWriter writer);
    }

    /// <summary>The registry of formats, keyed by the name used with <c>--format</c>.</summary>
    public static class Formatters
    {
        public static IReadOnlyList<IFormatter> All { get; } = new IFormatter[]
        {
            new ConsoleFormatter(),
            new SarifFormatter(),
            new JsonFormatter(),
            new GitHubFormatter(),
            new AzurePipelinesFormatter(),
        };

        public static IEnumerable<string> Names => All.Select(f => f.Name);

        public static IFormatter? Find(string name) =>
            All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
