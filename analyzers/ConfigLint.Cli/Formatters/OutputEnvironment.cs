using System;
using System.Collections;
using System.Collections.Generic;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// The parts of the process environment that change what the formats write: CI variables, <c>NO_COLOR</c>, and
    /// whether standard output is a terminal. Tests pass their own, so nothing depends on where the tests run.
    /// </summary>
    public sealed class OutputEnvironment
    {
        private readonly IReadOnlyDictionary<string, string> _variables;

        public OutputEnvironment(IReadOnlyDictionary<string, string>? variables = null, bool outputIsTerminal = false)
        {
            _variables = variables ?? new Dictionary<string, string>();
            OutputIsTerminal = outputIsTerminal;
        }

        /// <summary>No variables, not a terminal.</summary>
        public static OutputEnvironment None { get; } = new OutputEnvironment();

        public static OutputEnvironment FromProcess()
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                if (entry.Key is string key && entry.Value is string value) variables[key] = value;
            }
            return new OutputEnvironment(variables, !Console.IsOutputRedirected);
        }

        /// <summary>True when standard output is a terminal (not a pipe or a file).</summary>
        public bool OutputIsTerminal { get; }

        public string? Variable(string name) => _variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        /// <summary>A CI log (GitHub Actions, Azure Pipelines or any host that sets <c>CI</c>): no colour, whatever the terminal says.</summary>
        public bool IsCi => Variable("CI") != null || Variable("GITHUB_ACTIONS") != null || Variable("TF_BUILD") != null;

        /// <summary>Colour only on a terminal, never with <c>NO_COLOR</c> (https://no-color.org) or in a CI log.</summary>
        public bool UseColor => OutputIsTerminal && Variable("NO_COLOR") == null && !IsCi;
    }
}
