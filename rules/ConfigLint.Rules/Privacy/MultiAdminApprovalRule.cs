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
    /// The DPIA asks that destructive admin actions on devices (wipe, delete) and changes to admin rights be protected.
    /// Intune's multi-admin approval (<c>operationApprovalPolicy</c>) does that; the check needs its export.
    /// </summary>
    public sealed class MultiAdminApprovalRule : TenantRule
    {
        public const string NotProtectedId = "CL1025";
        public const string NotCheckableId = "CL1026";

        private const string Source = "DPIA recommendation: restrict and control admin actions on devices (wipe, delete) and admin rights; Graph operationApprovalPolicy.policyType (operationApprovalPolicyType: deviceWipe, deviceDelete, role)";

        public static readonly RuleDescriptor NotProtected = new RuleDescriptor(
            id: NotProtectedId,
            name: "Privacy.Tenant.DestructiveActionsWithoutMultiAdminApproval",
            title: "Wipe, delete or role changes are not protected by multi-admin approval",
            messageFormat: "no multi-admin approval policy (operationApprovalPolicy) in the inputs covers {what}, so a single admin can {action} without a second admin's approval; add access policies of type {policyTypes}",
            category: "Privacy",
            defaultSeverity: Severity.Suggestion,
            description: "The exported multi-admin approval policies do not cover device wipe, device delete or Intune role changes.",
            source: Source,
            tags: new[] { "dpia", "tenant", "admin" },
            helpUri: PackIdentifiers.GetHelpUri(NotProtectedId));

        public static readonly RuleDescriptor NotCheckable = new RuleDescriptor(
            id: NotCheckableId,
            name: "Privacy.Tenant.MultiAdminApprovalNotCheckable",
            title: "Multi-admin approval cannot be checked from these files",
            messageFormat: "not checkable offline: no multi-admin approval policy (operationApprovalPolicy) is among the inputs, so whether wipe, delete and role changes need a second admin's approval could not be verified; export GET /beta/deviceManagement/operationApprovalPolicies to a .json file and lint it with the rest",
            category: "Privacy",
            defaultSeverity: Severity.Info,
            description: "No export tool writes the multi-admin approval policies by default; the check needs them exported beside the rest.",
            source: Source,
            tags: new[] { "dpia", "tenant", "admin" },
            helpUri: PackIdentifiers.GetHelpUri(NotCheckableId));

        /// <summary>Policy types that must be covered, with what they protect (operationApprovalPolicyType members).</summary>
        private static readonly (string PolicyType, string What, string Action)[] Required =
        {
            ("deviceWipe", "device wipe", "wipe a device"),
            ("deviceDelete", "device delete", "delete a device"),
            ("role", "Intune role changes", "change Intune roles and their assignments"),
        };

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { NotProtected, NotCheckable };

        public override ITenantRuleState CreateState() => new State();

        private sealed class State : ITenantRuleState, IDocumentObserver, IMergeableTenantRuleState
        {
            private int _exportedLists;

            private readonly object _gate = new object();
            private readonly HashSet<string> _covered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            private int _resources;
            private int _policies;

            public void Observe(Resource resource)
            {
                Interlocked.Increment(ref _resources);
                if (!string.Equals(resource.Type, "operationApprovalPolicy", StringComparison.Ordinal)) return;
                Interlocked.Increment(ref _policies);
                // The type is written either on the policy itself or in its policySet (both are documented).
                var types = new[] { resource.Node.GetString("policyType"), (resource.Node["policySet"] as JsonObject)?.GetString("policyType") };
                lock (_gate)
                {
                    foreach (var t in types.Where(t => !string.IsNullOrWhiteSpace(t)))
                    {
                        // Older docs spelled the role member "roles".
                        _covered.Add(string.Equals(t, "roles", StringComparison.OrdinalIgnoreCase) ? "role" : t!.Trim());
                    }
                }
            }

            /// <summary>An exported but empty list of approval policies is evidence that none exists.</summary>
            public void ObserveDocument(DocumentFacts facts)
            {
                if (string.Equals(facts.CollectionType, "operationApprovalPolicy", StringComparison.Ordinal)) Interlocked.Increment(ref _exportedLists);
            }

            public void Absorb(ITenantRuleState other)
            {
                var folded = (State)other;
                Interlocked.Add(ref _exportedLists, folded._exportedLists);
                Interlocked.Add(ref _resources, folded._resources);
                Interlocked.Add(ref _policies, folded._policies);
                lock (_gate) _covered.UnionWith(folded._covered);
            }

            public void Complete(IFindingSink sink)
            {
                // A run with no Intune resource at all is not a tenant export; saying nothing is right there.
                if (_resources == 0 && _exportedLists == 0) return;
                if (_policies == 0 && _exportedLists == 0)
                {
                    sink.Report(NotCheckable, null);
                    return;
                }
                List<(string PolicyType, string What, string Action)> missing;
                lock (_gate) missing = Required.Where(r => !_covered.Contains(r.PolicyType)).ToList();
                if (missing.Count == 0) return;
                sink.Report(NotProtected, null, new MessageArgs
                {
                    ["what"] = Join(missing.Select(m => m.What), "or"),
                    ["action"] = Join(missing.Select(m => m.Action), "or"),
                    ["policyTypes"] = Join(missing.Select(m => "'" + m.PolicyType + "'"), "and"),
                });
            }

            private static string Join(IEnumerable<string> items, string conjunction)
            {
                var list = items.ToList();
                return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " " + conjunction + " " + list[list.Count - 1];
            }
        }
    }
}
