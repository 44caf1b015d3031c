using System.Collections.Generic;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>Collects one file's (or one completed scope's) findings, applying severity overrides; thread-confined.</summary>
    internal sealed class FindingSink : IFindingSink
    {
        private readonly LintOptions _options;
        private readonly string? _scope;
        private readonly List<Finding> _findings = new List<Finding>();

        /// <summary>A sink whose findings belong to <paramref name="scope"/>, the tenant scope that findings without a location are about.</summary>
        public FindingSink(LintOptions options, string? scope = null)
        {
            _options = options;
            _scope = scope;
        }

        /// <summary>The tenant scope the findings belong to.</summary>
        public string? Scope => _scope;

        public void Report(RuleDescriptor rule, SourceLocation? location, MessageArgs? args = null) =>
            ReportMessage(rule, location, rule.Message.Render(args));

        /// <summary>Reports an already rendered message (the engine renders setting messages itself).</summary>
        public void ReportMessage(RuleDescriptor rule, SourceLocation? location, string message)
        {
            var severity = _options.EffectiveSeverity(rule);
            if (severity == Severity.None) return;
            _findings.Add(new Finding(rule, severity, message, location, _scope));
        }

        /// <summary>The findings in report order.</summary>
        public IReadOnlyList<Finding> Sorted()
        {
            _findings.Sort(Finding.ReportOrder);
            return _findings;
        }
    }
}
