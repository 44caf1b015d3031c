using System.Collections.Generic;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Security
{
    /// <summary>No compliance policy of a mobile or macOS platform requires a device password.</summary>
    public sealed class PasswordNotRequiredRule : PlatformRequirementRule
    {
        public const string Id = "CL2018";

        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            id: Id,
            name: "Security.Compliance.PasswordNotRequired",
            title: "No compliance policy of a platform requires a device password",
            messageFormat: "no {platform} compliance policy among the inputs ({checked} checked, type {type}) requires a password to unlock the device, so a device without a screen lock counts as compliant; require one (iOS: passcodeRequired; others: passwordRequired)",
            category: "Security",
            defaultSeverity: Severity.Warning,
            description: "Checked across all compliance policies of the platform in the run. Windows is not checked: sign-in there is enforced by Windows itself and by Windows Hello for Business, and baselines deliberately leave the compliance password unset.",
            source: "Intune compliance settings: Require a password to unlock mobile devices; Microsoft device compliance framework level 1; Graph iosCompliancePolicy.passcodeRequired, *CompliancePolicy.passwordRequired, androidWorkProfileCompliancePolicy.workProfileRequirePassword",
            tags: new[] { "security", "compliance", "password" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        private static readonly IReadOnlyDictionary<string, string> Types = PlatformsOf("iosCompliancePolicy", "macOSCompliancePolicy", "androidCompliancePolicy", "androidWorkProfileCompliancePolicy", "androidDeviceOwnerCompliancePolicy");

        protected override RuleDescriptor Rule => Descriptor;

        protected override IReadOnlyDictionary<string, string> Platforms => Types;

        protected override bool? Meets(string type, JsonObject policy) => type switch
        {
            "iosCompliancePolicy" => Bool(policy, "passcodeRequired"),
            "androidWorkProfileCompliancePolicy" => Any(Bool(policy, "passwordRequired"), Bool(policy, "workProfileRequirePassword")),
            _ => Bool(policy, "passwordRequired"),
        };
    }
}
