using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using ConfigLint.Rules.Typing;

namespace ConfigLint.Rules.Hygiene
{
    /// <summary>A policy exported with its assignments (inline or in an assignment file), and there are none.</summary>
    public sealed class NotAssignedRule : TenantRule
    {
        public const string Id = "CL3001";

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Hygiene.Assignments.NotAssigned",
            title: "The policy is not assigned to anyone",
            messageFormat: "{policy} has {assignments}, so it applies to no device or user; assign it or delete it",
            category: "Hygiene",
            defaultSeverity: Severity.Suggestion,
            description: "An exported policy whose assignments were exported and are empty. Unassigned policies drift from what is deployed and are often stale copies.",
            source: "Intune configuration hygiene; Graph deviceManagementConfigurationPolicy/deviceConfiguration assignments navigation",
            tags: new[] { "hygiene", "assignments" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override ITenantRuleState CreateState() => new State();

        private sealed class Pending
        {
            public IReadOnlyList<string> Keys = null!;
            public string Describe = string.Empty;
            public SourceLocation Location = null!;
        }

        private sealed class State : ITenantRuleState, IDocumentObserver, IMergeableTenantRuleState
        {
            private readonly object _gate = new object();
            private readonly List<(SourceLocation Location, string Describe)> _emptyInline = new List<(SourceLocation, string)>();
            private readonly List<Pending> _pending = new List<Pending>();
            private readonly AssignmentFiles.Index _files = new AssignmentFiles.Index();

            public void Observe(Resource resource)
            {
                if (resource.Type == "assignment") return;
                if (resource.Node["assignments"] is JsonArray inline)
                {
                    if (inline.Items.Count == 0)
                    {
                        lock (_gate) _emptyInline.Add((resource.GetLocation(inline), resource.Describe()));
                    }
                    return;
                }
                // No inline list: the assignments were either not exported or live in an assignment file.
                if (!AssignmentFiles.MayHaveAssignmentFile(resource)) return;
                var pending = new Pending { Keys = AssignmentFiles.KeysOf(resource), Describe = resource.Describe(), Location = resource.AnchorLocation };
                lock (_gate) _pending.Add(pending);
            }

            public void ObserveDocument(DocumentFacts facts) => _files.Observe(facts);

            public void Absorb(ITenantRuleState other)
            {
                var folded = (State)other;
                lock (_gate)
                {
                    _emptyInline.AddRange(folded._emptyInline);
                    _pending.AddRange(folded._pending);
                }
                _files.Absorb(folded._files);
            }

            public void Complete(IFindingSink sink)
            {
                foreach (var (location, describe) in _emptyInline) sink.Report(Rule, location, new MessageArgs { ["policy"] = describe, ["assignments"] = "an empty assignments list" });
                foreach (var p in _pending)
                {
                    if (_files.CountFor(p.Keys) == 0) sink.Report(Rule, p.Location, new MessageArgs { ["policy"] = p.Describe, ["assignments"] = "an empty assignment file in its Assignments folder" });
                }
            }
        }
    }
}
