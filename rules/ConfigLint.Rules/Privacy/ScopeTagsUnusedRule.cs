using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Privacy
{
    /// <summary>
    /// Scope tags are how Intune limits which objects an admin sees and changes. When every exported object carries only
    /// the Default tag, admin access is not partitioned, whatever the role assignments say about groups.
    /// </summary>
    public sealed class ScopeTagsUnusedRule : TenantRule
    {
        public const string Id = "CL1034";

        /// <summary>The built-in tag: id "0" in Graph exports, its name "Default" in IntuneCD exports.</summary>
        private static readonly HashSet<string> DefaultTag = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "0", "Default" };

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Privacy.Tenant.ScopeTagsUnused",
            title: "Scope tags do not limit what admins can see",
            messageFormat: "no exported object that carries roleScopeTagIds ({tagged}) has a scope tag other than Default{unused}, so scope tags do not limit which policies, apps and devices an admin sees and changes; tag objects by the team or region that manages them and give role assignments those tags",
            category: "Privacy",
            defaultSeverity: Severity.Suggestion,
            description: "No exported object carries a scope tag other than Default.",
            source: "DPIA recommendation: limit admin access to what each admin needs; Intune scope tags (roleScopeTagIds on policies, role assignments and roleScopeTag objects)",
            tags: new[] { "dpia", "tenant", "rbac", "admin" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override ITenantRuleState CreateState() => new State();

        /// <summary>"2 in all, each with only the Default tag", "1 in all, with an empty list", or the split of a mix.</summary>
        private static string Counts(int tagged, int empty)
        {
            int defaultOnly = tagged - empty;
            if (empty == 0) return tagged == 1 ? "1 in all, with only the Default tag" : $"{tagged} in all, each with only the Default tag";
            if (defaultOnly == 0) return tagged == 1 ? "1 in all, with an empty list" : $"{tagged} in all, each with an empty list";
            return $"{tagged} in all: {defaultOnly} with only the Default tag, {empty} with an empty list";
        }

        private sealed class State : ITenantRuleState, IMergeableTenantRuleState
        {
            private readonly object _gate = new object();
            private readonly SortedSet<string> _definedTags = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            private int _tagged;
            private int _empty;
            private int _customUsed;

            public void Observe(Resource resource)
            {
                if (string.Equals(resource.Type, "roleScopeTag", StringComparison.Ordinal))
                {
                    var name = resource.DisplayName ?? resource.Id;
                    bool builtIn = resource.Node.GetString("isBuiltIn") == "true" || (resource.Id != null && DefaultTag.Contains(resource.Id));
                    if (!builtIn && name != null && !DefaultTag.Contains(name))
                    {
                        lock (_gate) _definedTags.Add(name);
                    }
                }
                // Objects without the property (many types have none) say nothing either way.
                if (resource.Node["roleScopeTagIds"] is not JsonArray tags) return;
                Interlocked.Increment(ref _tagged);
                // An empty list carries no tag at all (not even Default); the message must not say "only Default" then.
                if (tags.Items.Count == 0) Interlocked.Increment(ref _empty);
                if (tags.Items.Any(t => t.ScalarText != null && !DefaultTag.Contains(t.ScalarText.Trim()))) Interlocked.Increment(ref _customUsed);
            }

            public void Absorb(ITenantRuleState other)
            {
                var folded = (State)other;
                Interlocked.Add(ref _tagged, folded._tagged);
                Interlocked.Add(ref _empty, folded._empty);
                Interlocked.Add(ref _customUsed, folded._customUsed);
                lock (_gate) _definedTags.UnionWith(folded._definedTags);
            }

            public void Complete(IFindingSink sink)
            {
                if (_tagged == 0 || _customUsed > 0) return;
                string defined;
                lock (_gate) defined = _definedTags.Count == 0 ? string.Empty : $" (scope tags defined but used by none: {string.Join(", ", _definedTags.Select(t => "'" + t + "'"))})";
                sink.Report(Rule, null, new MessageArgs { ["tagged"] = Counts(_tagged, _empty), ["unused"] = defined });
            }
        }
    }
}
