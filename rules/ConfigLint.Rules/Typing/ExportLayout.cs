using System;
using System.Collections.Generic;
using System.IO;

namespace ConfigLint.Rules.Typing
{
    /// <summary>
    /// Where one tenant's export begins. Export tools put each object type in its own folder (FORMATS.md lists
    /// IntuneManagement's, IntuneCD's and IntuneBackupAndRestore's), so the nearest folder above a file that is not
    /// an object-type folder is the export root. Cross-policy rules compare policies only within one export root, so
    /// linting many tenants in one run (as managed-service providers do) does not pair policies of different tenants.
    /// </summary>
    public static class ExportLayout
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
            // ConfigLint's own layout for exports no tool writes.
            "MultiAdminApproval", "DiagnosticSettings",
        };

        /// <summary>The export root a file belongs to (a folder path, normalized for comparison).</summary>
        public static string TenantScope(string path)
        {
            var dir = Path.GetDirectoryName(path) ?? string.Empty;
            while (!string.IsNullOrEmpty(dir) && ObjectTypeFolders.Contains(Path.GetFileName(dir))) dir = Path.GetDirectoryName(dir) ?? string.Empty;
            return dir.Replace('\\', '/').ToLowerInvariant();
        }
    }
}
