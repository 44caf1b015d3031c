using System;
using System.Collections.Generic;
using ConfigLint.Core.Engine;

namespace ConfigLint.Rules.Typing
{
    /// <summary>
    /// The properties that hold a list in Microsoft Graph, for the types ConfigLint reads, so that Windows PowerShell
    /// 5.1's one-element arrays written as objects are read as lists (<see cref="SingleElementCollections"/>).
    /// </summary>
    /// <remarks>
    /// From the Graph v1.0 CSDL (graph-schema/v1.0-Prod.csdl): every <c>Collection(...)</c> property or navigation
    /// property of the entity types the packs and rules name, their base and derived types, and the complex types they
    /// reach; none of these names is single-valued on another of those types. The Intune types that exist only in beta
    /// (Settings Catalog, Administrative Templates, intents) are not in the v1.0 CSDL; their list properties are taken
    /// from the beta reference pages: deviceManagementConfigurationPolicy.settings and .assignments,
    /// deviceManagementConfigurationChoiceSettingValue.children, deviceManagementConfigurationGroupSettingValue.children,
    /// the *SettingCollectionInstance values (choiceSettingCollectionValue, groupSettingCollectionValue,
    /// simpleSettingCollectionValue), groupPolicyConfiguration.definitionValues, groupPolicyDefinitionValue.presentationValues,
    /// deviceManagementIntent.settings, deviceManagementConfigurationSettingDefinition.options.
    /// </remarks>
    public sealed class GraphCollections : ICollectionShapes
    {
        private static readonly HashSet<string> Collections = new HashSet<string>(StringComparer.Ordinal)
        {
            // Graph v1.0 CSDL, types ConfigLint reads.
            "alerts", "allowedDataStorageLocations", "apps", "appsSingleAppModeList", "appsVisibilityList", "assignments",
            "bluetoothAllowedServices", "compliantAppsList", "defenderFileExtensionsToExclude", "defenderFilesAndFoldersToExclude",
            "defenderProcessesToExclude", "deviceSettingStateSummaries", "deviceStatuses", "edgeHomepageUrls", "emailInDomainSuffixes",
            "localizedNotificationMessages", "members", "networkUsageRules", "omaSettings", "resourceScopes", "roleAssignments",
            "rolePermissions", "roleScopeTagIds", "safariManagedDomains", "safariPasswordAutoFillDomains", "scheduledActionsForRule",
            "scheduledActionConfigurations", "userStatuses", "resourceActions", "allowedResourceActions",
            // Beta-only Intune types (reference pages named above).
            "settings", "children", "choiceSettingCollectionValue", "groupSettingCollectionValue", "simpleSettingCollectionValue",
            "definitionValues", "presentationValues", "options",
        };

        // A page's "value" holding one object needs no entry: the page reader already takes {"value": {…}} as that one
        // object (Graph's documentation samples are written so), so it is read either way.
        public bool IsCollection(string property, bool atRoot) => Collections.Contains(property);
    }
}
