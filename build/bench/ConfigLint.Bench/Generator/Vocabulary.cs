using System;
using System.Collections.Generic;

namespace ConfigLint.Bench.Generator
{
    /// <summary>Word lists the filler is drawn from: plausible Graph property and setting names, not real policy content.</summary>
    internal static class Vocabulary
    {
        public static readonly string[] PolicyAreas =
        {
            "defender", "browser", "bitlocker", "deviceguard", "localpoliciessecurityoptions", "update", "privacy", "experience",
            "power", "storage", "wifi", "connectivity", "lanmanworkstation", "remotedesktopservices", "windowslogon",
            "smartscreen", "applicationdefaults", "devicelock", "search", "start", "textinput", "userrights", "security",
            "kerberos", "networkisolation", "credentialsui", "mssecurityguide", "admx_terminalserver", "autoplay", "eventlogservice",
        };

        public static readonly string[] Words =
        {
            "allow", "block", "enable", "disable", "require", "configure", "prevent", "turnoff", "turnon", "hide", "show",
            "audit", "scan", "cloud", "network", "remote", "local", "user", "device", "account", "password", "pin", "biometric",
            "camera", "location", "storage", "usb", "removable", "drive", "encryption", "firewall", "protection", "signature",
            "update", "schedule", "interval", "timeout", "notification", "toast", "lockscreen", "widget", "store", "app",
            "script", "macro", "download", "upload", "sync", "backup", "restore", "recovery", "telemetryproxy", "feedback",
            "inking", "typing", "speech", "cortana", "edge", "office", "teams", "onedrive", "sharepoint", "outlook", "browser",
        };

        public static readonly string[] AdmxFamilies =
        {
            "device_vendor_msft_policy_config_office16v2~policy~l_microsoftofficesystem~l_securitysettings",
            "user_vendor_msft_policy_config_office16v2~policy~l_microsoftofficesystem~l_privacy~l_trustcenter",
            "device_vendor_msft_policy_config_microsoft_edgev120~policy~microsoft_edge",
            "device_vendor_msft_policy_config_admx_terminalserver~policy~w_components~rds_category",
            "user_vendor_msft_policy_config_onedrivengscv2~policy~onedrivengsc",
        };

        public static readonly string[] AppleDomains =
        {
            "com.apple.applicationaccess", "com.apple.mobiledevice.passwordpolicy", "com.apple.security.firewall",
            "com.apple.managedclient.preferences", "com.apple.systempolicy.control", "com.apple.screensaver",
        };

        public static readonly string[] LegacyBooleanStems =
        {
            "cameraBlocked", "bluetoothBlocked", "cellularBlockDataRoaming", "storageBlockRemovableStorage", "usbBlocked",
            "wiFiBlockManualConfiguration", "screenCaptureBlocked", "settingsBlockChangeRegion", "settingsBlockChangeLanguage",
            "smartScreenEnableAppInstallControl", "defenderRequireRealTimeMonitoring", "defenderRequireBehaviorMonitoring",
            "defenderScanArchiveFiles", "defenderScanIncomingMail", "defenderScanRemovableDrivesDuringFullScan",
            "edgeBlockAutofill", "edgeBlockPopups", "edgeBlockSendingDoNotTrackHeader", "edgeBlockPasswordManager",
            "lockScreenBlockCortana", "lockScreenBlockToastNotifications", "passwordBlockSimple", "passwordRequired",
            "privacyBlockInputPersonalization", "privacyBlockActivityFeed", "privacyBlockPublishUserActivities",
            "startMenuHideChangeAccountSettings", "startMenuHideFrequentlyUsedApps", "startMenuHideHibernate",
            "windowsSpotlightBlocked", "windowsSpotlightBlockTailoredExperiences", "windowsSpotlightBlockThirdPartyNotifications",
            "locationServicesBlocked", "internetSharingBlocked", "nfcBlocked", "voiceRecordingBlocked", "gameDvrBlocked",
            "appsBlockWindowsStoreOriginatedApps", "developerUnlockSetting", "sharedUserAppDataAllowed", "antiTheftModeBlocked",
            "copyPasteBlocked", "accountsBlockAddingNonMicrosoftAccountEmail", "searchBlockDiacritics", "searchDisableIndexingEncryptedItems",
        };

        public static readonly string[] Apps =
        {
            "com.microsoft.office.outlook", "com.microsoft.skype.teams", "com.microsoft.office.word", "com.microsoft.office.excel",
            "com.microsoft.office.powerpoint", "com.microsoft.sharepoint", "com.microsoft.skydrive", "com.microsoft.msedge",
            "com.microsoft.office.onenote", "com.microsoft.todos", "com.microsoft.planner", "com.microsoft.stream",
            "com.microsoft.dynamics", "com.microsoft.powerbimobile", "com.microsoft.lists", "com.microsoft.whiteboard",
        };

        /// <summary>Display-name fragments, some with non-ASCII letters so UTF-8 and the ASCII escapes are both exercised.</summary>
        public static readonly string[] NameParts =
        {
            "Baseline", "Security", "Geräte", "Pilot", "Production", "Kiosk", "Frontline", "Développeurs", "Finance", "Sales",
            "Ring 1", "Ring 2", "BYOD", "Corporate", "Zürich", "Kraków", "Shared", "Executives", "Labs", "Contractors",
        };

        /// <summary>
        /// Fixed pools standing in for the Settings Catalog and Policy CSP catalogs: real tenants draw their settings
        /// from a bounded vocabulary, so a bigger corpus repeats ids instead of inventing new ones. Built from a
        /// constant seed, they are the same whatever corpus seed is used.
        /// </summary>
        public static readonly string[] SettingIds = BuildPool(3000, rng =>
        {
            double p = rng.NextDouble();
            if (p < 0.6) return $"device_vendor_msft_policy_config_{rng.Pick(PolicyAreas)}_{rng.Word()}{rng.Word()}";
            if (p < 0.85) return $"{rng.Pick(AdmxFamilies)}_l_{rng.Word()}{rng.Word()}";
            return $"{rng.Pick(AppleDomains)}_{rng.Word()}{rng.Word()}";
        });

        public static readonly string[] OmaUris = BuildPool(600, rng =>
            $"./Device/Vendor/MSFT/Policy/Config/{rng.Pick(PolicyAreas)}/{char.ToUpperInvariant(rng.Word()[0])}{rng.Word()}{rng.Word()}");

        /// <summary>Integer settings take values from small domains (counts, minutes, days), as real ones do.</summary>
        public static readonly int[] IntegerValues = { 0, 1, 2, 3, 4, 5, 6, 8, 10, 14, 15, 30, 60, 90, 120, 180, 365, 1440 };

        private static string[] BuildPool(int size, Func<Random, string> make)
        {
            var rng = new Random(7);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pool = new List<string>(size);
            while (pool.Count < size)
            {
                var item = make(rng);
                if (seen.Add(item)) pool.Add(item);
            }
            return pool.ToArray();
        }

        /// <summary>A stable (not per-process randomized) hash, so derived names are the same on every run.</summary>
        public static int StableHash(string s)
        {
            unchecked
            {
                int h = 17;
                foreach (char c in s) h = h * 31 + c;
                return h & 0x7FFFFFFF;
            }
        }

        /// <summary>The n-th child id of a parent setting: fixed per parent, like a definition's children.</summary>
        public static string ChildId(string parent, int n) => parent + "_" + Words[(StableHash(parent) + n) % Words.Length];

        public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

        public static string Guid(this Random rng)
        {
            var bytes = new byte[16];
            rng.NextBytes(bytes);
            return new System.Guid(bytes).ToString();
        }

        public static string Timestamp(this Random rng)
        {
            var t = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(rng.Next(0, 60 * 60 * 24 * 700)).AddTicks(rng.Next(0, 10_000_000));
            return t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        public static string Word(this Random rng) => rng.Pick(Words);
    }
}
