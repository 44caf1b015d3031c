using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// Collects, through the engine's <c>ruleEvaluated</c> run hook (<see cref="LintEngine.StartRun"/>), which rules checked which resources
    /// of each file, and hands them over with the file when it is reported. Used only when a format lists passes (JUnit).
    /// </summary>
    public sealed class CheckedCollector
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<CheckedResource>> _byPath = new ConcurrentDictionary<string, ConcurrentQueue<CheckedResource>>(StringComparer.Ordinal);
        private IReadOnlyDictionary<string, IReadOnlyList<RuleDescriptor>> _siblings = new Dictionary<string, IReadOnlyList<RuleDescriptor>>();

        /// <summary>The hook to pass to <see cref="LintEngine.StartRun"/>.</summary>
        public Action<RuleDescriptor, Resource> Hook => Observe;

        /// <summary>A C# rule with several descriptors is evaluated once, under its first: it checked the resource for all of them.</summary>
        public void Know(RulePack pack) =>
            _siblings = pack.ResourceRules.Where(r => r.Descriptors.Count > 1).ToDictionary(r => r.Descriptors[0].Id, r => r.Descriptors, StringComparer.Ordinal);

        private void Observe(RuleDescriptor rule, Resource resource)
        {
            var queue = _byPath.GetOrAdd(resource.Path, _ => new ConcurrentQueue<CheckedResource>());
            int line = resource.AnchorLocation.Start.Line;
            if (_siblings.TryGetValue(rule.Id, out var all))
            {
                foreach (var descriptor in all) queue.Enqueue(new CheckedResource(descriptor.Id, resource.Type, resource.DisplayName, line));
                return;
            }
            queue.Enqueue(new CheckedResource(rule.Id, resource.Type, resource.DisplayName, line));
        }

        /// <summary>The pairs evaluated in a file, each once, in rule and line order; forgotten afterwards.</summary>
        public IReadOnlyList<CheckedResource> Take(string path)
        {
            if (!_byPath.TryRemove(path, out var queue)) return Array.Empty<CheckedResource>();
            return queue.GroupBy(c => (c.RuleId, c.Type, c.Name)).Select(g => g.First())
                .OrderBy(c => c.RuleId, StringComparer.Ordinal).ThenBy(c => c.Line).ToList();
        }

        /// <summary>The rules that check every file (input diagnostics) and every tenant export (tenant rules).</summary>
        public static RuleApplicability Applicability(LintEngine engine) =>
            new RuleApplicability(
                engine.Rules.Where(r => string.Equals(r.Category, "Input", StringComparison.Ordinal)).Select(r => r.Id),
                engine.Pack.TenantRules.SelectMany(r => r.Descriptors).Select(d => d.Id));
    }
}
