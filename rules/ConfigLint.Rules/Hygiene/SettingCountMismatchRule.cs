using System.Collections.Generic;
using System.Globalization;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Rules.Typing;

namespace ConfigLint.Rules.Hygiene
{
    /// <summary>
    /// A Settings Catalog export whose <c>settingCount</c> differs from the settings it holds: the paging bug that
    /// truncated exports in IntuneCD and IntuneBackupAndRestore, which would hide settings from every other rule.
    /// </summary>
    public sealed class SettingCountMismatchRule : ResourceRule
    {
        public const string Id = "CL3002";

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Hygiene.SettingsCatalog.SettingCountMismatch",
            title: "The Settings Catalog export holds fewer or more settings than its settingCount",
            messageFormat: "{policy} declares settingCount {declared} but the export holds {count} setting(s); the export looks truncated (Graph paging), so settings may be missing from this check; re-export it",
            category: "Hygiene",
            defaultSeverity: Severity.Warning,
            description: "Settings Catalog policies report settingCount; an export with a different number of settings[] was cut off by a paging bug, so ConfigLint cannot vouch for what it does not see.",
            source: "Graph deviceManagementConfigurationPolicy.settingCount; IntuneCD and IntuneBackupAndRestore paging bugs on /configurationPolicies/{id}/settings",
            tags: new[] { "hygiene", "settings-catalog", "export" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override IReadOnlyCollection<string>? Types { get; } = new[] { IntuneTyper.SettingsCatalogType };

        public override void Analyze(Resource resource, IFindingSink sink)
        {
            var countNode = resource.Node["settingCount"];
            // Without both numbers there is nothing to compare; a list GET without $expand has no settings at all.
            if (countNode == null || countNode.Kind != JsonKind.Number || resource.Node["settings"] is not JsonArray settings) return;
            if (!int.TryParse(countNode.ScalarText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var declared)) return;
            if (declared == settings.Items.Count) return;
            sink.Report(Rule, resource.GetLocation(countNode), new MessageArgs { ["policy"] = resource.Describe(), ["declared"] = declared, ["count"] = settings.Items.Count });
        }
    }
}
