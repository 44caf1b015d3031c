using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Rules.Typing;

namespace ConfigLint.Rules.Privacy
{
    /// <summary>
    /// A branding profile can hide the Company Portal's "Remove" action per platform and ownership type. Hiding it on
    /// personal devices takes away the employee's own way to end management of their device.
    /// </summary>
    /// <remarks>A C# rule because ownerType and action must be read from the same blocked-action item.</remarks>
    public sealed class PersonalDeviceRemovalBlockedRule : ResourceRule
    {
        public const string Id = "CL1031";

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Privacy.Branding.PersonalDeviceRemovalBlocked",
            title: "Users cannot remove their personal device from the Company Portal",
            messageFormat: "Branding profile {profile} hides the Company Portal's Remove action on personal {platform} devices (ownerType 'personal', action 'remove'), so employees cannot end management of their own device from the Company Portal; remove this blocked action",
            category: "Privacy",
            defaultSeverity: Severity.Warning,
            description: "A companyPortalBlockedActions entry blocks the 'remove' action for personally owned devices.",
            source: "DPIA recommendations on personal devices: employees keep control over their own device and can end its management; Graph intuneBrandingProfile.companyPortalBlockedActions (companyPortalBlockedAction: platform, ownerType, action)",
            tags: new[] { "dpia", "branding", "personal-devices" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override IReadOnlyCollection<string>? Types { get; } = new[] { IntuneTyper.BrandingProfileType };

        public override void Analyze(Resource resource, IFindingSink sink)
        {
            // Absent or null: nothing is blocked as far as the export tells.
            if (resource.Node["companyPortalBlockedActions"] is not JsonArray actions) return;
            foreach (var item in actions.Items.OfType<JsonObject>())
            {
                if (!string.Equals(item.GetString("ownerType"), "personal", StringComparison.OrdinalIgnoreCase)) continue;
                var action = item["action"];
                if (!string.Equals(action?.ScalarText, "remove", StringComparison.OrdinalIgnoreCase)) continue;
                string platform = item.GetString("platform") ?? "unknown-platform";
                sink.Report(Rule, resource.GetLocation(action!), new MessageArgs { ["profile"] = resource.Describe(), ["platform"] = platform });
            }
        }
    }
}
