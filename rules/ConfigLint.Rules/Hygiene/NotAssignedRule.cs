using System.Collections.Generic;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Hygiene
{
    /// <summary>A policy exported with its assignments, and there are none: it configures nothing.</summary>
    public sealed class NotAssignedRule : ResourceRule
    {
        public const string Id = "CL3001";

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Hygiene.Assignments.NotAssigned",
            title: "The policy is not assigned to anyone",
            messageFormat: "{0} has an empty assignments list, so it applies to no device or user; assign it or delete it",
            category: "Hygiene",
            defaultSeverity: Severity.Suggestion,
            description: "An exported policy whose assignments were exported and are empty. Unassigned policies drift from what is deployed and are often stale copies.",
            source: "Intune configuration hygiene; Graph deviceManagementConfigurationPolicy/deviceConfiguration assignments navigation",
            tags: new[] { "hygiene", "assignments" });

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override void Analyze(Resource resource, IFindingSink sink)
        {
            // Only an exported, empty list is evidence; a missing list means assignments were not exported.
            if (resource.Node["assignments"] is not JsonArray assignments || assignments.Items.Count > 0) return;
            if (resource.Type == "assignment") return;
            sink.Report(Rule, resource.GetLocation(assignments), resource.Describe());
        }
    }
}
