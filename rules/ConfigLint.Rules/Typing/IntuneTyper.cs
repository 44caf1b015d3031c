using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Typing
{
    /// <summary>
    /// Knows how the export tools lay out files (see FORMATS.md): which files are companions, and how to type an
    /// object whose <c>@odata.type</c> was not written (minimal metadata, IntuneCD, the portal's "Export JSON").
    /// </summary>
    public sealed class IntuneTyper : IResourceTyper, ICollectionShapes, IScopeInference
    {
        // Folder facts by folder: a walk lints a folder's files one after another, so each folder is judged once.
        private const int MaxCachedFolders = 4096;
        private readonly ConcurrentDictionary<string, FolderFacts> _folders = new ConcurrentDictionary<string, FolderFacts>(StringComparer.Ordinal);

        private readonly ExportLayout _layout;

        /// <param name="layout">The run's layout, with the tenant roots its settings declare (default: inferred only).</param>
        public IntuneTyper(ExportLayout? layout = null)
        {
            _layout = layout ?? ExportLayout.Inferred;
        }

        public InputWording Wording => IntuneWording.Instance;

        private static readonly GraphCollections Collections = new GraphCollections();

        /// <summary>Graph's list properties: a one-element list written as an object is read as a list.</summary>
        public bool IsCollection(string property, bool atRoot) => Collections.IsCollection(property, atRoot);

        /// <summary>A tenant's export root (see <see cref="ExportLayout"/>).</summary>
        public string TenantScope(string path) => Folder(path).TenantScope;

        /// <summary>The scope an object-type folder belongs to (see <see cref="ExportLayout.EnclosingScope"/>).</summary>
        public string? EnclosingScope(string scope) => _layout.EnclosingScope(scope);

        /// <summary>The object family a resource shows for its folder (see <see cref="ExportLayout.ObjectKind"/>).</summary>
        public string? ObjectKind(Resource resource) => ExportLayout.ObjectKind(resource.Type, resource.Evidence);

        /// <summary>A list of objects (a Graph page, a root array) is a whole collection export: its folder is a tenant's, not one type's.</summary>
        public bool HoldsWholeExport(DocumentFacts facts) =>
            facts.Role == DocumentRole.Resources && (facts.Document.Root is JsonArray || facts.Document.Root is JsonObject root && root["value"] is JsonArray);

        /// <summary>ConfigLint's name for an ARM <c>providers/microsoft.intune/diagnosticSettings</c> item (not a Graph type).</summary>
        public const string DiagnosticSettingType = "microsoft.intune.diagnosticSetting";

        /// <summary>ConfigLint's name for IntuneManagement's double-encoded Endpoint Security <c>*_Settings.json</c>.</summary>
        public const string IntentSettingsType = "deviceManagementIntentSettings";

        public const string SettingsCatalogType = "deviceManagementConfigurationPolicy";
        public const string BrandingProfileType = "intuneBrandingProfile";

        /// <summary>Entity sets whose items are all of one type, so <c>@odata.context</c> alone tells the type.</summary>
        private static readonly Dictionary<string, string> EntitySets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["deviceManagement/configurationPolicies"] = SettingsCatalogType,
            ["deviceManagement/intuneBrandingProfiles"] = BrandingProfileType,
            ["deviceManagement/roleScopeTags"] = "roleScopeTag",
            ["deviceManagement/settings"] = "deviceManagementSettings",
            ["deviceManagement/roleDefinitions"] = "deviceAndAppManagementRoleDefinition",
            ["deviceManagement/roleAssignments"] = "deviceAndAppManagementRoleAssignment",
            ["deviceManagement/operationApprovalPolicies"] = "operationApprovalPolicy",
            ["deviceManagement/assignmentFilters"] = "deviceAndAppManagementAssignmentFilter",
            ["deviceManagement/intents"] = "deviceManagementIntent",
            ["deviceManagement/dataProcessorServiceForWindowsFeaturesOnboarding"] = "dataProcessorServiceForWindowsFeaturesOnboarding",
            ["deviceManagement/deviceHealthScripts"] = "deviceHealthScript",
            ["deviceManagement/deviceManagementScripts"] = "deviceManagementScript",
            ["deviceManagement/deviceShellScripts"] = "deviceShellScript",
            ["deviceManagement/windowsFeatureUpdateProfiles"] = "windowsFeatureUpdateProfile",
            ["deviceManagement/windowsQualityUpdateProfiles"] = "windowsQualityUpdateProfile",
            ["deviceManagement/windowsDriverUpdateProfiles"] = "windowsDriverUpdateProfile",
            ["deviceManagement/groupPolicyConfigurations"] = "groupPolicyConfiguration",
            ["deviceManagement/deviceCompliancePolicies"] = "deviceCompliancePolicy",
            ["deviceManagement/compliancePolicies"] = "deviceManagementCompliancePolicy",
            ["deviceManagement/notificationMessageTemplates"] = "notificationMessageTemplate",
        };

        /// <summary>Export folders that hold exactly one type (IntuneManagement, IntuneCD, IntuneBackupAndRestore names).</summary>
        private static readonly Dictionary<string, string> Folders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["SettingsCatalog"] = SettingsCatalogType,
            ["Settings Catalog"] = SettingsCatalogType,
            ["IntuneBranding"] = BrandingProfileType,
            ["Intune Branding"] = BrandingProfileType,
            ["BrandingProfiles"] = BrandingProfileType,
            ["ScopeTags"] = "roleScopeTag",
            ["Scope Tags"] = "roleScopeTag",
            ["RoleDefinitions"] = "deviceAndAppManagementRoleDefinition",
            ["Roles"] = "deviceAndAppManagementRoleDefinition",
            ["RoleAssignments"] = "deviceAndAppManagementRoleAssignment",
            ["AssignmentFilters"] = "deviceAndAppManagementAssignmentFilter",
            ["Filters"] = "deviceAndAppManagementAssignmentFilter",
            ["Device Management Settings"] = "deviceManagementSettings",
            ["MultiAdminApproval"] = "operationApprovalPolicy",
            ["OperationApprovalPolicies"] = "operationApprovalPolicy",
            ["DiagnosticSettings"] = DiagnosticSettingType,
            ["Message Templates"] = "notificationMessageTemplate",
            ["Notifications"] = "notificationMessageTemplate",
            ["Custom Attributes"] = "deviceCustomAttributeShellScript",
            ["CustomAttributes"] = "deviceCustomAttributeShellScript",
            ["Shell"] = "deviceShellScript",
            ["MacScripts"] = "deviceShellScript",
            ["Powershell"] = "deviceManagementScript",
            ["PowerShellScripts"] = "deviceManagementScript",
            ["Proactive Remediations"] = "deviceHealthScript",
            ["DeviceHealthScripts"] = "deviceHealthScript",
        };

        /// <summary>Companion files that carry no configuration of their own.</summary>
        private static readonly HashSet<string> CompanionFileNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "MigrationTable.json", // IntuneManagement: group id -> name map
        };

        public DocumentRole ClassifyDocument(JsonDocument document)
        {
            var name = Path.GetFileName(document.Path);
            if (CompanionFileNames.Contains(name) || Folder(document.Path).HoldsCompanions) return DocumentRole.Companion;
            if (name.EndsWith("_assignments.json", StringComparison.OrdinalIgnoreCase)) return DocumentRole.Companion;
            return DocumentRole.Resources;
        }

        public DocumentSplit Split(JsonDocument document) => ODataShapes.Split(document, TypeOfEntitySet);

        public bool AllowsEmpty(string path) => AssignmentFiles.IsAssignmentPath(path);

        /// <summary>A branding profile's displayName is the company name shown to users; its own name is profileName.</summary>
        private static readonly IReadOnlyList<string> BrandingNameProperties = new[] { "profileName", "displayName", "name" };

        /// <summary>Graph's own naming: most resources have displayName, Settings Catalog policies have name.</summary>
        private static readonly IReadOnlyList<string> GraphNameProperties = new[] { "displayName", "name" };

        public IReadOnlyList<string> NameProperties(string? type) =>
            type == BrandingProfileType ? BrandingNameProperties : GraphNameProperties;

        /// <summary>
        /// The type an object declares (<c>@odata.type</c>) wins; then its entity set (<c>@odata.context</c>), its shape,
        /// its folder and its file name.
        /// </summary>
        public (string Type, TypeEvidence Evidence)? InferType(ResourceCandidate candidate)
        {
            var declared = ODataShapes.TypeName(candidate.Node["@odata.type"]);
            if (declared != null) return (declared, TypeEvidence.Declared);

            var fromContext = candidate.Collection == null ? null : TypeOfEntitySet(candidate.Collection);
            if (fromContext != null) return (fromContext, TypeEvidence.Collection);

            var shape = FromShape(candidate);
            if (shape != null) return (shape, TypeEvidence.Shape);

            var fromFolder = Folder(candidate.Path).Type;
            if (fromFolder != null) return (fromFolder, TypeEvidence.FileLocation);

            // IntuneCD names files <name>_<odata type suffix>.json.
            var file = Path.GetFileNameWithoutExtension(candidate.Path);
            int underscore = file.LastIndexOf('_');
            if (underscore > 0 && underscore < file.Length - 1)
            {
                var suffix = file.Substring(underscore + 1);
                if (suffix.Length > 12 && char.IsLower(suffix[0]) && suffix.Any(char.IsUpper) && suffix.All(char.IsLetterOrDigit))
                {
                    return (suffix, TypeEvidence.FileLocation);
                }
            }
            return null;
        }

        /// <summary>The type every item of an entity set has, when one type is known for it.</summary>
        private static string? TypeOfEntitySet(string entitySet)
        {
            if (EntitySets.TryGetValue(entitySet, out var type)) return type;
            return entitySet.EndsWith("/assignments", StringComparison.OrdinalIgnoreCase) ? "assignment" : null;
        }

        /// <summary>What a file's folders say, computed once per folder.</summary>
        private FolderFacts Folder(string path)
        {
            int separator = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            string folder = separator < 0 ? string.Empty : path.Substring(0, separator + 1);
            if (_folders.TryGetValue(folder, out var facts)) return facts;
            // A long-lived host (the compiler server) lints many repositories: keep the cache bounded.
            if (_folders.Count >= MaxCachedFolders) _folders.Clear();
            return _folders.GetOrAdd(folder, _ => FolderFacts.Of(path, _layout));
        }

        private sealed class FolderFacts
        {
            private FolderFacts(string? type, bool holdsCompanions, string tenantScope)
            {
                Type = type;
                HoldsCompanions = holdsCompanions;
                TenantScope = tenantScope;
            }

            /// <summary>The type the nearest object-type folder holds, if any.</summary>
            public string? Type { get; }

            /// <summary>True inside an assignments folder or an assignment report.</summary>
            public bool HoldsCompanions { get; }

            public string TenantScope { get; }

            /// <summary>The facts of <paramref name="path"/>'s folder (they do not depend on the file name).</summary>
            public static FolderFacts Of(string path, ExportLayout layout)
            {
                // Only the nearest two folders: an export's object-type folder sits right above (or one above) the file.
                var nearest = FolderNames(path).Take(2).ToList();
                string? type = null;
                foreach (var folder in nearest)
                {
                    if (Folders.TryGetValue(folder, out type)) break;
                }
                // IntuneBackupAndRestore keeps each policy's assignments in an "Assignments" subfolder; IntuneCD writes a report.
                bool companions = nearest.Any(f => f.Equals("Assignments", StringComparison.OrdinalIgnoreCase) || f.Equals("Assignment Report", StringComparison.OrdinalIgnoreCase));
                return new FolderFacts(type, companions, layout.ScopeOf(path));
            }
        }

        private static string? FromShape(ResourceCandidate candidate)
        {
            var node = candidate.Node;
            if (node["settings"] is JsonArray settings)
            {
                if (settings.Items.OfType<JsonObject>().Any(s => s["settingInstance"] != null)) return SettingsCatalogType;
                if (settings.Items.OfType<JsonObject>().Any(s => s["definitionId"] != null && s["valueJson"] != null))
                {
                    return candidate.Document.WasDoubleEncoded || node.Properties.Count == 1 ? IntentSettingsType : "deviceManagementIntent";
                }
                // An empty Settings Catalog policy still has its identifying siblings.
                if (node["technologies"] != null && node["platforms"] != null) return SettingsCatalogType;
            }
            if (node["settingsDelta"] is JsonArray) return "deviceManagementIntent";

            // ARM list item of providers/microsoft.intune/diagnosticSettings: properties.logs[] of {category, enabled}.
            if (node["properties"] is JsonObject props && props["logs"] is JsonArray)
            {
                return DiagnosticSettingType;
            }
            var armType = node.GetString("type");
            if (armType != null && armType.IndexOf("diagnosticSettings", StringComparison.OrdinalIgnoreCase) >= 0) return DiagnosticSettingType;

            if (node["profileName"] != null && (node["disableClientTelemetry"] != null || node["privacyUrl"] != null
                || node["sendDeviceOwnershipChangePushNotification"] != null || node["companyPortalBlockedActions"] != null))
            {
                return BrandingProfileType;
            }
            if (node["definition@odata.bind"] != null && node["enabled"] != null) return "groupPolicyDefinitionValue";
            if (node["target"] is JsonObject target && target.GetString("@odata.type")?.EndsWith("AssignmentTarget", StringComparison.Ordinal) == true)
            {
                return "assignment";
            }
            return null;
        }

        private static IEnumerable<string> FolderNames(string path)
        {
            var dir = Path.GetDirectoryName(path);
            while (!string.IsNullOrEmpty(dir))
            {
                var name = Path.GetFileName(dir);
                if (string.IsNullOrEmpty(name)) yield break;
                yield return name;
                dir = Path.GetDirectoryName(dir);
            }
        }
    }
}
