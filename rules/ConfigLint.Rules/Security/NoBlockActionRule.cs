using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Security
{
    /// <summary>A compliance policy whose actions never mark a failing device noncompliant.</summary>
    public sealed class NoBlockActionRule : ResourceRule
    {
        public const string Id = "CL2015";

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Security.Compliance.NoBlockAction",
            title: "Compliance policy never marks a failing device noncompliant",
            messageFormat: "Compliance policy {policy} has actions for noncompliance but no 'Mark device noncompliant' (actionType 'block'), so a device that fails it stays compliant and Conditional Access keeps granting access; add a block action with a short grace period",
            category: "Security",
            defaultSeverity: Severity.Warning,
            description: "Intune marks a device noncompliant only through the block action of scheduledActionsForRule; the portal always creates it, so a policy without it was changed through Graph or an import.",
            source: "Intune actions for noncompliance: 'Mark device noncompliant' is the default action of every compliance policy; Graph deviceComplianceScheduledActionForRule / deviceComplianceActionItem.actionType",
            tags: new[] { "security", "compliance" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override void Analyze(Resource resource, IFindingSink sink)
        {
            if (!ComplianceActions.IsCompliancePolicy(resource)) return;
            var actions = ComplianceActions.Actions(resource, out var container);
            // No actions in the export: the exporter did not expand them, which says nothing about the policy.
            if (actions == null) return;
            if (actions.Any(ComplianceActions.IsBlock)) return;
            sink.Report(Rule, resource.GetLocation(container!), new MessageArgs { ["policy"] = resource.Describe() });
        }
    }
}
