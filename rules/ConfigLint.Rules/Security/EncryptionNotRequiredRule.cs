using System.Collections.Generic;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Security
{
    /// <summary>No compliance policy of a platform requires storage encryption.</summary>
    public sealed class EncryptionNotRequiredRule : PlatformRequirementRule
    {
        public const string Id = "CL2017";

        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            id: Id,
            name: "Security.Compliance.EncryptionNotRequired",
            title: "No compliance policy of a platform requires encryption",
            messageFormat: "no {platform} compliance policy among the inputs ({checked} checked, type {type}) requires encryption of data storage, so an unencrypted device counts as compliant; require it (Windows: bitLockerEnabled or storageRequireEncryption; others: storageRequireEncryption) in a policy assigned to every device of the platform",
            category: "Security",
            defaultSeverity: Severity.Warning,
            description: "Checked across all compliance policies of the platform in the run, because tenants split compliance over several policies and false means 'Not configured'.",
            source: "Intune compliance settings: Require encryption of data storage on device / Require BitLocker; Microsoft device compliance framework level 1; Graph windows10CompliancePolicy.bitLockerEnabled, *CompliancePolicy.storageRequireEncryption",
            tags: new[] { "security", "compliance", "encryption" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        private static readonly IReadOnlyDictionary<string, string> Types = PlatformsOf("windows10CompliancePolicy", "macOSCompliancePolicy", "androidCompliancePolicy", "androidWorkProfileCompliancePolicy", "androidDeviceOwnerCompliancePolicy");

        protected override RuleDescriptor Rule => Descriptor;

        protected override IReadOnlyDictionary<string, string> Platforms => Types;

        protected override bool? Meets(string type, JsonObject policy) =>
            type == "windows10CompliancePolicy"
                ? Any(Bool(policy, "bitLockerEnabled"), Bool(policy, "storageRequireEncryption"))
                : Bool(policy, "storageRequireEncryption");
    }
}
