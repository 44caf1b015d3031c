using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ConfigLint.Rules.Typing
{
    /// <summary>
    /// Where one tenant's export begins. Export tools put each object type in its own folder (FORMATS.md lists
    /// IntuneManagement's, IntuneCD's and IntuneBackupAndRestore's), so the nearest folder above a file that is not
    /// an object-type folder is the export root. It is the pack's tenant scope: tenant rules judge each export root on
    /// its own, so linting many tenants in one run (as managed-service providers do) neither pairs policies of different
    /// tenants nor lets one tenant's branding profile or approval policies stand in for another's.
    /// </summary>
    public sealed class ExportLayout
    {
        private static readonly HashSet<string> ObjectTypeFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            // IntuneManagement object types.
            "SettingsCatalog", "DeviceConfiguration", "CompliancePolicies", "CompliancePoliciesV2", "EndpointSecurity",
            "AdministrativeTemplates", "AppProtection", "AppConfigurationManagedApp", "AppConfigurationManagedDevice",
            "Applications", "EnrollmentRestrictions", "EnrollmentStatusPage", "IntuneBranding", "AzureBranding",
            "RoleDefinitions", "ScopeTags", "AssignmentFilters", "PowerShellScripts", "MacScripts", "DeviceHealthScripts",
            "UpdatePolicies", "FeatureUpdates", "QualityUpdates", "DriverUpdateProfiles", "AutoPilot", "PolicySets",
            "Notifications", "TermsAndConditions", "InventoryPolicies", "ReusableSettings", "ConditionalAccess",
            "NamedLocations", "NativeImport",
            // IntuneCD folders.
            "Settings Catalog", "Device Configurations", "mobileconfig", "Compliance Policies", "Policies", "Message Templates",
            "Scripts", "App Protection", "App Configuration", "Group Policy Configurations", "Management Intents",
            "Enrollment Configurations", "Enrollment Profiles", "ESP", "Apple", "Device Management Settings", "Roles",
            "Scope Tags", "Filters", "Conditional Access", "Partner Connections", "Apple Push Notification",
            "Apple VPP Tokens", "Managed Google Play", "Powershell", "Shell", "Script Data", "Proactive Remediations",
            "Custom Attributes", "Feature Updates", "Quality Updates", "Driver Updates", "Assignment Report",
            // IntuneBackupAndRestore folders.
            "Device Compliance Policies", "Administrative Templates", "App Protection Policies", "Client Apps",
            "Device Management Scripts", "Device Health Scripts", "Autopilot Deployment Profiles",
            "Device Management Intents", "Assignments", "Script Content",
            // A repository of baselines keeps each tool's export in a folder named after the tool (OpenIntuneBaseline's
            // MACOS/IntuneManagement beside MACOS/NativeImport): part of the one export, as the portal's NativeImport is.
            "IntuneManagement",
            // ConfigLint's own layout for exports no tool writes.
            "MultiAdminApproval", "DiagnosticSettings",
            // Graph's collection names, which hand-made and script exports use as folder names.
            "DeviceConfigurations", "DeviceCompliancePolicies", "ConfigurationPolicies", "GroupPolicyConfigurations",
            "IntuneBrandingProfiles", "Branding", "DeviceEnrollmentConfigurations", "ManagedAppPolicies",
            "IosManagedAppProtections", "AndroidManagedAppProtections", "WindowsManagedAppProtections",
            "MobileAppConfigurations", "TargetedManagedAppConfigurations", "DeviceManagementScripts", "DeviceHealthScripts",
            "RoleScopeTags", "RoleDefinitions", "OperationApprovalPolicies", "WindowsAutopilotDeploymentProfiles",
            "MobileApps",
        };

        /// <summary>
        /// Folders that are tenant roots whatever they hold: from the settings file (<c>tenant:</c> in a folder's
        /// configlint.yaml, or a <c>tenants:</c> glob), as engine paths. Empty without a settings file.
        /// </summary>
        private readonly string[] _declaredRoots;

        /// <summary>The layout of a run, with the tenant roots its settings declare (engine paths, '/' or '\\').</summary>
        public ExportLayout(IEnumerable<string>? declaredRoots = null)
        {
            _declaredRoots = (declaredRoots ?? Array.Empty<string>())
                .Select(r => r.Replace('\\', '/').TrimEnd('/'))
                // "." (or "") is the folder the run's paths are relative to: every relative path is under it.
                .Select(r => r == "." ? string.Empty : r)
                .OrderByDescending(r => r.Length)
                .ToArray();
        }

        /// <summary>No declared roots: every scope is inferred.</summary>
        public static ExportLayout Inferred { get; } = new ExportLayout();

        /// <summary>The export root a file belongs to: the nearest declared root above it, else the inferred one.</summary>
        public string ScopeOf(string path)
        {
            if (_declaredRoots.Length > 0)
            {
                var normalized = path.Replace('\\', '/');
                foreach (var root in _declaredRoots)
                {
                    if (root.Length == 0)
                    {
                        if (!Path.IsPathRooted(path)) return string.Empty;
                        continue;
                    }
                    // Deepest first: a tenant declared inside another's folder is its own tenant.
                    if (normalized.Length > root.Length && normalized[root.Length] == '/' && normalized.StartsWith(root, StringComparison.Ordinal))
                    {
                        return path.Substring(0, root.Length);
                    }
                }
            }
            return TenantScope(path);
        }

        /// <summary>
        /// The scope a scope's folder belongs to if it is an object-type folder (its files say so, see
        /// <see cref="ObjectKind"/>): the scope of a file directly in its parent folder. Null for a declared root, which
        /// stays a tenant whatever it holds, and for a folder with no parent in the run's paths.
        /// </summary>
        public string? EnclosingScope(string scope)
        {
            if (scope.Length == 0) return null;
            var normalized = scope.Replace('\\', '/').TrimEnd('/');
            if (_declaredRoots.Contains(normalized, StringComparer.Ordinal)) return null;
            int separator = LastSeparator(scope, scope.Length);
            // A file named "x" directly in the parent folder ("a" is directly under the run's folder, the empty scope).
            return ScopeOf(separator < 0 ? "x" : scope.Substring(0, separator + 1) + "x");
        }

        /// <summary>
        /// The object type family an object's folder holds when an export tool wrote it (its Graph collection, e.g. every
        /// <c>*CompliancePolicy</c> in IntuneManagement's CompliancePolicies or IntuneCD's "Compliance Policies"), so a
        /// renamed or unknown folder holding one family is recognized as an object-type folder. Null for types that are
        /// no object of their own (assignments) and for types told only by a folder or file name, which says nothing new.
        /// </summary>
        public static string? ObjectKind(string? type, Core.Model.TypeEvidence evidence)
        {
            if (type == null || evidence == Core.Model.TypeEvidence.FileLocation || evidence == Core.Model.TypeEvidence.Unknown) return null;
            if (type == "assignment" || type == "groupPolicyDefinitionValue") return null;
            if (ExactKinds.TryGetValue(type, out var kind)) return kind;
            // Graph's derived types end with their base type's name (windows10CompliancePolicy : deviceCompliancePolicy).
            if (type.EndsWith("CompliancePolicy", StringComparison.Ordinal)) return "deviceCompliancePolicies";
            if (type.EndsWith("ManagedAppProtection", StringComparison.Ordinal) || type.EndsWith("ManagedAppConfiguration", StringComparison.Ordinal)
                || type.EndsWith("InformationProtectionPolicy", StringComparison.Ordinal))
            {
                return "managedAppPolicies";
            }
            if (type.EndsWith("MobileAppConfiguration", StringComparison.Ordinal)) return "mobileAppConfigurations";
            if (type.EndsWith("AutopilotDeploymentProfile", StringComparison.Ordinal)) return "windowsAutopilotDeploymentProfiles";
            if (type.IndexOf("Enrollment", StringComparison.Ordinal) >= 0 || type.StartsWith("deviceComanagement", StringComparison.Ordinal)
                || type.EndsWith("EnrollmentConfiguration", StringComparison.Ordinal))
            {
                return "deviceEnrollmentConfigurations";
            }
            if (type.EndsWith("Configuration", StringComparison.Ordinal)) return "deviceConfigurations";
            return type;
        }

        /// <summary>Types whose family is not told by their name's ending.</summary>
        private static readonly Dictionary<string, string> ExactKinds = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["deviceManagementConfigurationPolicy"] = "configurationPolicies",
            ["deviceManagementCompliancePolicy"] = "compliancePolicies",
            ["groupPolicyConfiguration"] = "groupPolicyConfigurations",
            ["deviceManagementIntent"] = "intents",
            // IntuneManagement writes an intent's settings beside it, in the same EndpointSecurity folder.
            [IntuneTyper.IntentSettingsType] = "intents",
            ["targetedManagedAppConfiguration"] = "managedAppPolicies",
        };

        /// <summary>
        /// Whether a folder name is an object-type folder: a known name, compared without case, spaces, dashes or
        /// underscores (IntuneCD's "Device Configurations" is Graph's DeviceConfigurations), also when an admin renamed it with a suffix (IntuneManagement's <c>AppProtection_MAM</c>,
        /// <c>CompliancePolicies_Corp</c>).
        /// </summary>
        public static bool IsObjectTypeFolder(string name)
        {
            if (ObjectTypeFolders.Contains(name) || NormalizedNames.Contains(Normalize(name))) return true;
            // Only '_' marks a renamed folder: other separators are part of names ("Device Configurations").
            int suffix = name.IndexOf('_');
            while (suffix > 0)
            {
                if (NormalizedNames.Contains(Normalize(name.Substring(0, suffix)))) return true;
                suffix = name.IndexOf('_', suffix + 1);
            }
            return false;
        }

        private static readonly HashSet<string> NormalizedNames = new HashSet<string>(ObjectTypeFolders.Select(Normalize), StringComparer.Ordinal);

        private static string Normalize(string name) =>
            new string(name.Where(c => c != ' ' && c != '_' && c != '-').ToArray()).ToLowerInvariant();

        /// <summary>The export root a file belongs to: the path's folder part, cut before the object-type folders.</summary>
        public static string TenantScope(string path)
        {
            int end = LastSeparator(path, path.Length);
            // Cut on the path as written (not Path.GetDirectoryName, which rewrites separators on Windows), so the scope
            // stays a prefix of the path.
            while (end > 0)
            {
                int start = LastSeparator(path, end) + 1;
                if (!IsObjectTypeFolder(path.Substring(start, end - start))) break;
                end = start - 1;
            }
            return end <= 0 ? (end == 0 ? path.Substring(0, 1) : string.Empty) : path.Substring(0, end);
        }

        /// <summary>The index of the last '/' or '\\' before <paramref name="end"/>, or -1.</summary>
        private static int LastSeparator(string path, int end)
        {
            for (int i = end - 1; i >= 0; i--)
            {
                if (path[i] == '/' || path[i] == '\\') return i;
            }
            return -1;
        }
    }
}
