using System;
using System.Collections.Generic;
using System.IO;

namespace ConfigLint.Rules.Typing
{
    /// <summary>
    /// Where one tenant's export begins. Export tools put each object type in its own folder (FORMATS.md lists
    /// IntuneManagement's, IntuneCD's and IntuneBackupAndRestore's), so the nearest folder above a file that is not
    /// an object-type folder is the export root. It is the pack's tenant scope: tenant rules judge each export root on
    /// its own, so linting many tenants in one run (as managed-service providers do) neither pairs policies of different
    /// tenants nor lets one tenant's branding profile or approval policies stand in for another's.
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

        /// <summary>The export root a file belongs to: the path's folder part, cut before the object-type folders.</summary>
        public static string TenantScope(string path)
        {
            int end = LastSeparator(path, path.Length);
            // Cut on the path as written (not Path.GetDirectoryName, which rewrites separators on Windows), so the scope
            // stays a prefix of the path.
            while (end > 0)
            {
                int start = LastSeparator(path, end) + 1;
                if (!ObjectTypeFolders.Contains(path.Substring(start, end - start))) break;
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
