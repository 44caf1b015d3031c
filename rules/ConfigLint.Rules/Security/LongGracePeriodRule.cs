using System.Collections.Generic;
using System.Globalization;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;

namespace ConfigLint.Rules.Security
{
    /// <summary>A compliance policy that waits too long before marking a failing device noncompliant.</summary>
    public sealed class LongGracePeriodRule : ResourceRule
    {
        public const string Id = "CL2016";

        /// <summary>
        /// The rule option (security.yaml <c>options:</c>) with the longest accepted grace period in days; its default,
        /// 14 days (336 hours), is the longest grace period in the CIS and NCSC baselines seen in real exports.
        /// </summary>
        public const string Option = "gracePeriodDays";

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Security.Compliance.LongGracePeriod",
            title: "Compliance policy waits more than 14 days before marking a device noncompliant",
            messageFormat: "Compliance policy {policy} marks a failing device noncompliant only after {hours} hours ({days} days), so it keeps access that long; use a grace period of at most {maxHours} hours ({maxDays} days)",
            category: "Security",
            defaultSeverity: Severity.Warning,
            description: "The block action's gracePeriodHours is how long a device that fails the policy keeps counting as compliant.",
            source: "Intune actions for noncompliance: 'Mark device noncompliant' schedule (days after noncompliance); Graph deviceComplianceActionItem.gracePeriodHours",
            tags: new[] { "security", "compliance" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override IReadOnlyList<string> OptionNames { get; } = new[] { Option };

        /// <summary>Outside a lint engine (no options): the pack's default, 14 days.</summary>
        public override void Analyze(Resource resource, IFindingSink sink) => Analyze(resource, sink, RuleOptions.Defaults(IntunePack.Create().Options));

        public override void Analyze(Resource resource, IFindingSink sink, RuleOptions options)
        {
            if (!ComplianceActions.IsCompliancePolicy(resource)) return;
            double maxDays = options.Number(Option);
            double maximumHours = maxDays * 24;
            var actions = ComplianceActions.Actions(resource, out _);
            if (actions == null) return;
            foreach (var action in actions)
            {
                if (!ComplianceActions.IsBlock(action)) continue;
                var node = action["gracePeriodHours"];
                // A null or non-numeric grace period is not a long one.
                if (node == null || !double.TryParse(node.ScalarText, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours)) continue;
                if (hours <= maximumHours) continue;
                sink.Report(Rule, resource.GetLocation(node), new MessageArgs
                {
                    ["policy"] = resource.Describe(),
                    ["hours"] = node.ScalarText,
                    ["days"] = (hours / 24).ToString("0.#", CultureInfo.InvariantCulture),
                    ["maxHours"] = maximumHours,
                    ["maxDays"] = maxDays,
                });
            }
        }
    }
}
