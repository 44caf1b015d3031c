using System;
using System.Collections.Generic;
using System.Linq;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>The output formats, keyed by the name used with <c>--format</c> (a test checks the README lists each).</summary>
    public static class FormatterRegistry
    {
        public static IReadOnlyList<IFormatter> All { get; } = new IFormatter[]
        {
            new ConsoleFormatter(),
            new PrettyFormatter(),
            new SarifFormatter(),
            new JsonFormatter(),
            new GitHubFormatter(),
            new AzurePipelinesFormatter(),
            new JUnitFormatter(),
        };

        public static IEnumerable<string> Names => All.Select(f => f.Name);

        public static IFormatter? Find(string name) =>
            All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
