using System.Collections.Generic;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Security
{
    /// <summary>No compliance policy of a platform sets a minimum OS version.</summary>
    public sealed class NoMinimumOsVersionRule : PlatformRequirementRule
    {
        public const string Id = "CL2022";

        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            id: Id,
            name: "Security.Compliance.NoMinimumOsVersion",
            title: "No compliance policy of a platform sets a minimum OS version",
            messageFormat: "no {platform} compliance policy among the inputs ({checked} checked, type {type}) sets a minimum OS version, so devices on unsupported, unpatched releases count as compliant; set osMinimumVersion (Windows: or validOperatingSystemBuildRanges)",
            category: "Security",
            defaultSeverity: Severity.Suggestion,
            description: "Checked across all compliance policies of the platform in the run.",
            source: "Intune compliance settings: Device Properties > Minimum OS version; Microsoft device compliance framework level 1 (minimum OS version); Graph *CompliancePolicy.osMinimumVersion, osMinimumBuildVersion, windows10CompliancePolicy.validOperatingSystemBuildRanges",
            tags: new[] { "security", "compliance", "updates" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        private static readonly IReadOnlyDictionary<string, string> Types = PlatformsOf("windows10CompliancePolicy", "iosCompliancePolicy", "macOSCompliancePolicy", "androidCompliancePolicy", "androidWorkProfileCompliancePolicy", "androidDeviceOwnerCompliancePolicy");

        protected override RuleDescriptor Rule => Descriptor;

        protected override IReadOnlyDictionary<string, string> Platforms => Types;

        protected override bool? Meets(string type, JsonObject policy) =>
            Any(HasText(policy, "osMinimumVersion"), HasText(policy, "osMinimumBuildVersion"), HasRanges(policy));

        private static bool? HasRanges(JsonObject policy) =>
            policy["validOperatingSystemBuildRanges"] is JsonArray ranges ? ranges.Items.Count > 0 : (bool?)null;
    }
}
