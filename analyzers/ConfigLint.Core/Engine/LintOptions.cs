using System;
using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Engine
{
    /// <summary>Per-run configuration shared by both front ends.</summary>
    public sealed class LintOptions
    {
        /// <summary>Severity per rule ID; <see cref="Severity.None"/> turns a rule off.</summary>
        public IDictionary<string, Severity> SeverityOverrides { get; } = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);

        public Severity EffectiveSeverity(RuleDescriptor rule) =>
            SeverityOverrides.TryGetValue(rule.Id, out var s) ? s : rule.DefaultSeverity;
    }
}
