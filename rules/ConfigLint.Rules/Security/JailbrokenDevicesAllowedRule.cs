using System.Collections.Generic;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Security
{
    /// <summary>No compliance policy of a platform blocks jailbroken or rooted devices.</summary>
    public sealed class JailbrokenDevicesAllowedRule : PlatformRequirementRule
    {
        public const string Id = "CL2021";

        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            id: Id,
            name: "Security.Compliance.JailbrokenDevicesAllowed",
            title: "No compliance policy of a platform blocks jailbroken or rooted devices",
            messageFormat: "no {platform} compliance policy among the inputs ({checked} checked, type {type}) blocks jailbroken or rooted devices, so a compromised device counts as compliant; set securityBlockJailbrokenDevices to true",
            category: "Security",
            defaultSeverity: Severity.Warning,
            description: "Checked across all compliance policies of the platform in the run. Android Enterprise fully managed devices are checked through Play Integrity instead and are not covered here.",
            source: "Intune compliance settings: Device Health > Jailbroken devices / Rooted devices = Block; Microsoft device compliance framework level 1; Graph iosCompliancePolicy, androidWorkProfileCompliancePolicy, androidCompliancePolicy.securityBlockJailbrokenDevices",
            tags: new[] { "security", "compliance", "device-health" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        private static readonly IReadOnlyDictionary<string, string> Types = PlatformsOf("iosCompliancePolicy", "androidCompliancePolicy", "androidWorkProfileCompliancePolicy");

        protected override RuleDescriptor Rule => Descriptor;

        protected override IReadOnlyDictionary<string, string> Platforms => Types;

        protected override bool? Meets(string type, JsonObject policy) => Bool(policy, "securityBlockJailbrokenDevices");
    }
}
