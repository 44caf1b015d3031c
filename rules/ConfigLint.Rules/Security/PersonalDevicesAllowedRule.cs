using System;
using System.Collections.Generic;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Security
{
    /// <summary>An enrollment restriction lets personally owned devices of a platform enroll.</summary>
    public sealed class PersonalDevicesAllowedRule : ResourceRule
    {
        public const string Id = "CL2029";

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Security.Enrollment.PersonalDevicesAllowed",
            title: "Enrollment restriction allows personally owned devices",
            messageFormat: "Enrollment restriction {restriction} lets personally owned {platform} devices enroll ({property}.personalDeviceEnrollmentBlocked is false); this is a policy choice: make sure it is intended, that compliance and app protection cover personal devices, and that users are told before a device's ownership changes",
            category: "Security",
            defaultSeverity: Severity.Info,
            description: "Reported for each platform that is not blocked and does not block personal devices.",
            source: "Intune enrollment restrictions: Device platform restrictions > Personally owned devices = Allow/Block; Graph deviceEnrollmentPlatformRestriction.personalDeviceEnrollmentBlocked",
            tags: new[] { "security", "enrollment", "ownership" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        /// <summary>The per-platform properties of the default (legacy) restriction, with platform names for messages.</summary>
        private static readonly (string Property, string Platform)[] DefaultRestrictions =
        {
            ("androidRestriction", "Android device administrator"),
            ("androidForWorkRestriction", "Android Enterprise work profile"),
            ("iosRestriction", "iOS/iPadOS"),
            ("macOSRestriction", "macOS"),
            ("macRestriction", "Mac (legacy macRestriction)"),
            ("windowsRestriction", "Windows"),
            ("windowsHomeSkuRestriction", "Windows (Home edition)"),
            ("windowsMobileRestriction", "Windows Mobile"),
            ("tvosRestriction", "tvOS"),
            ("visionOSRestriction", "visionOS"),
        };

        private static readonly Dictionary<string, string> PlatformTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["android"] = "Android device administrator",
            ["androidForWork"] = "Android Enterprise work profile",
            ["ios"] = "iOS/iPadOS",
            ["mac"] = "macOS",
            ["windows"] = "Windows",
            ["windowsPhone"] = "Windows Mobile",
            ["linux"] = "Linux",
            ["allPlatforms"] = "all-platform",
        };

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override IReadOnlyCollection<string>? Types { get; } = new[]
        {
            "deviceEnrollmentPlatformRestrictionsConfiguration",
            "deviceEnrollmentPlatformRestrictionConfiguration",
        };

        public override void Analyze(Resource resource, IFindingSink sink)
        {
            if (resource.Type == "deviceEnrollmentPlatformRestrictionConfiguration")
            {
                var type = resource.Node.GetString("platformType");
                var platform = type != null && PlatformTypes.TryGetValue(type, out var name) ? name : type ?? "unknown-platform";
                Check(resource, sink, "platformRestriction", platform);
                return;
            }
            foreach (var (property, platform) in DefaultRestrictions) Check(resource, sink, property, platform);
        }

        private static void Check(Resource resource, IFindingSink sink, string property, string platform)
        {
            // null: the platform is not offered in this tenant's restriction (e.g. visionOS), nothing to say.
            if (resource.Node[property] is not JsonObject restriction) return;
            // A blocked platform cannot enroll at all, personal or corporate.
            if (restriction.GetString("platformBlocked") != "false") return;
            var personal = restriction["personalDeviceEnrollmentBlocked"];
            if (personal?.ScalarText != "false") return;
            sink.Report(Rule, resource.GetLocation(personal), new MessageArgs { ["restriction"] = resource.Describe(), ["platform"] = platform, ["property"] = property });
        }
    }
}
