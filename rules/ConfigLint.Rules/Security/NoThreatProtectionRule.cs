using System.Collections.Generic;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Security
{
    /// <summary>No compliance policy of a platform requires a device threat level from Defender or an MTD partner.</summary>
    public sealed class NoThreatProtectionRule : PlatformRequirementRule
    {
        public const string Id = "CL2023";

        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            id: Id,
            name: "Security.Compliance.NoThreatProtection",
            title: "No compliance policy of a platform requires a device threat level",
            messageFormat: "no {platform} compliance policy among the inputs ({checked} checked, type {type}) requires the device to be at or under a threat level, so a device Microsoft Defender for Endpoint or your Mobile Threat Defense partner rates as compromised counts as compliant; set deviceThreatProtectionEnabled with deviceThreatProtectionRequiredSecurityLevel",
            category: "Security",
            defaultSeverity: Severity.Suggestion,
            description: "Checked across all compliance policies of the platform in the run. Needs a Defender for Endpoint or Mobile Threat Defense connector, hence a suggestion.",
            source: "Intune compliance settings: Microsoft Defender for Endpoint / Device Health > Require the device to be at or under the Device Threat Level; Microsoft device compliance framework level 3; Graph *CompliancePolicy.deviceThreatProtectionEnabled",
            tags: new[] { "security", "compliance", "threat-protection" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        private static readonly IReadOnlyDictionary<string, string> Types = PlatformsOf("windows10CompliancePolicy", "iosCompliancePolicy", "macOSCompliancePolicy", "androidCompliancePolicy", "androidWorkProfileCompliancePolicy", "androidDeviceOwnerCompliancePolicy");

        protected override RuleDescriptor Rule => Descriptor;

        protected override IReadOnlyDictionary<string, string> Platforms => Types;

        protected override bool? Meets(string type, JsonObject policy) => Bool(policy, "deviceThreatProtectionEnabled");
    }
}
