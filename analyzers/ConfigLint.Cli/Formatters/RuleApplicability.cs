using System;
using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>One rule having checked one resource (JUnit shows it as a test case, passing unless the rule reported on it).</summary>
    public readonly struct CheckedResource
    {
        public CheckedResource(string ruleId, string? type, string? name, int line)
        {
            RuleId = ruleId;
            Type = type;
            Name = name;
            Line = line;
        }

        public string RuleId { get; }
        public string? Type { get; }
        public string? Name { get; }
        public int Line { get; }
    }

    /// <summary>
    /// What the run checked, for reports that list passes (JUnit): for each file, the (rule, resource) pairs the engine
    /// evaluated (from the engine's run's <c>ruleEvaluated</c> hook, in <see cref="LintedFile.Checked"/>), plus the rules that check every file
    /// (input diagnostics) and every tenant (tenant rules).
    /// </summary>
    public sealed class RuleApplicability
    {
        public RuleApplicability(IEnumerable<string> fileRules, IEnumerable<string> tenantRules)
        {
            FileRules = new List<string>(fileRules);
            TenantRules = new List<string>(tenantRules);
        }

        /// <summary>Rules that check each file as a whole (invalid, empty or unreadable file, unknown resource type).</summary>
        public IReadOnlyList<string> FileRules { get; }

        /// <summary>Rules that check each tenant export as a whole.</summary>
        public IReadOnlyList<string> TenantRules { get; }
    }
}
