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

        /// <summary>
        /// Called for each rule evaluated on a resource (concurrently, from the workers), for reports that list what
        /// passed as well as what failed (JUnit); null, the default, costs nothing.
        /// </summary>
        public Action<RuleDescriptor, Resource>? RuleEvaluated { get; set; }

        public Severity EffectiveSeverity(RuleDescriptor rule) =>
            SeverityOverrides.TryGetValue(rule.Id, out var s) ? s : rule.DefaultSeverity;
    }
}
