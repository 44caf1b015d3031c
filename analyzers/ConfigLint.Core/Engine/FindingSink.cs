using System.Collections.Generic;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// Collects one file's (or one completed scope's) findings at their rules' default severities; thread-confined.
    /// Configured severities are the front ends' business (ConfigLint.Configuration), applied afterwards.
    /// </summary>
    internal sealed class FindingSink : IFindingSink
    {
        private readonly string? _scope;
        private readonly List<Finding> _findings = new List<Finding>();

        /// <summary>A sink whose findings belong to <paramref name="scope"/>, the tenant scope that findings without a location are about.</summary>
        public FindingSink(string? scope = null)
        {
            _scope = scope;
        }

        /// <summary>The tenant scope the findings belong to.</summary>
        public string? Scope => _scope;

        public void Report(RuleDescriptor rule, SourceLocation? location, MessageArgs? args = null) =>
            ReportMessage(rule, location, rule.Message.Render(args));

        /// <summary>Reports an already rendered message (the engine renders setting messages itself).</summary>
        public void ReportMessage(RuleDescriptor rule, SourceLocation? location, string message)
        {
            if (rule.DefaultSeverity == Severity.None) return;
            _findings.Add(new Finding(rule, rule.DefaultSeverity, message, location, _scope));
        }

        /// <summary>Adds another sink's findings, in the order they were reported (a part of the same file, linted apart).</summary>
        public void AddAll(FindingSink part) => _findings.AddRange(part._findings);

        /// <summary>The findings in report order.</summary>
        public IReadOnlyList<Finding> Sorted()
        {
            _findings.Sort(Finding.ReportOrder);
            return _findings;
        }
    }
}
