using System;
using System.Collections.Generic;
using System.Linq;

namespace ConfigLint.Bench.Generator
{
    /// <summary>One generated Graph object, in minimal-metadata form, before an exporter decorates and writes it.</summary>
    public sealed class GeneratedResource
    {
        public GeneratedResource(string kind, string type, string entitySet, bool polymorphic, string name, JObj body)
        {
            Kind = kind;
            Type = type;
            EntitySet = entitySet;
            Polymorphic = polymorphic;
            Name = name;
            Body = body;
        }

        /// <summary>The generator's family: settingsCatalog, legacy, omaUri, compliance, mam, branding, misc.</summary>
        public string Kind { get; }

        /// <summary>Graph type without namespace, e.g. <c>windows10GeneralConfiguration</c>.</summary>
        public string Type { get; }

        /// <summary>Graph entity set, e.g. <c>deviceManagement/deviceConfigurations</c>.</summary>
        public string EntitySet { get; }

        /// <summary>Graph writes <c>@odata.type</c> with minimal metadata only in polymorphic collections.</summary>
        public bool Polymorphic { get; }

        public string Name { get; }
        public JObj Body { get; }

        /// <summary>Ground truth: the risky checks this resource was built to trip (see <see cref="Checks"/>).</summary>
        public List<string> Risks { get; } = new List<string>();

        /// <summary>Assignment targets, written inline or as a companion file depending on the exporter.</summary>
        public List<JObj> Assignments { get; } = new List<JObj>();

        /// <summary>The property that holds the filler, so the exporter can pad a file towards its target size.</summary>
        public Func<Random, object?>? Filler { get; set; }
        public string? FillerProperty { get; set; }
    }

    /// <summary>Names of the checks the ground truth is kept for; the comparison script uses the same names.</summary>
    public static class Checks
    {
        public const string TelemetryAboveBasic = "telemetry-above-basic";
        public const string TelemetryUserDefined = "telemetry-user-defined";
        public const string DeviceNameInTelemetry = "device-name-in-telemetry";
        public const string BrandingOwnershipFalse = "branding-ownership-notification-off";
        public const string BrandingOwnershipMissing = "branding-ownership-notification-missing";
        public const string BrandingTelemetryOn = "branding-client-telemetry-on";
        public const string BrandingTelemetryMissing = "branding-client-telemetry-missing";
        public const string BrandingNoPrivacy = "branding-no-privacy-statement";
        public const string MamBackup = "mam-backup-allowed";
        public const string MamTransfer = "mam-outbound-transfer-all-apps";
        public const string CompliancePassword = "compliance-password-not-required";
        public const string ComplianceEncryption = "compliance-encryption-not-required";
        public const string ComplianceJailbreak = "compliance-jailbreak-allowed";
        public const string ComplianceNoBlock = "compliance-no-block-action";
        public const string IosDiagnosticsAllowed = "ios-diagnostics-allowed";
        public const string HealthMonitoringOn = "health-monitoring-on";
        public const string AndroidLocationShared = "android-location-shared";
    }

    /// <summary>
    /// Builds Intune objects of every supported type and form. Whether a resource is risky is decided by the caller;
    /// the factory puts the risky value where that form keeps it and records the check it should trip.
    /// </summary>
    public sealed class ResourceFactory
    {
        private readonly Random _rng;
        private int _serial;

        public ResourceFactory(Random rng)
        {
            _rng = rng;
        }

        private string NextName(string prefix)
        {
            _serial++;
            return $"{prefix} - {_rng.Pick(Vocabulary.NameParts)} - {_rng.Pick(Vocabulary.NameParts)} {_serial:D3}";
        }

        private List<object?> ScopeTags() => new List<object?> { "0" };

        public GeneratedResource Create(string kind, bool risky)
        {
            var r = kind switch
            {
                "settingsCatalog" => SettingsCatalog(risky),
                "legacy" => LegacyProfile(risky),
                "omaUri" => CustomOmaUri(risky),
                "compliance" => Compliance(risky),
                "mam" => AppProtection(risky),
                "branding" => Branding(risky),
                _ => Misc(),
            };
            int targets = _rng.Next(0, 4);
            for (int i = 0; i < targets; i++) r.Assignments.Add(AssignmentTarget());
            return r;
        }

        private JObj AssignmentTarget()
        {
            double p = _rng.NextDouble();
            string type = p < 0.6 ? "groupAssignmentTarget" : p < 0.75 ? "exclusionGroupAssignmentTarget" : p < 0.9 ? "allDevicesAssignmentTarget" : "allLicensedUsersAssignmentTarget";
            var target = new JObj().Add("@odata.type", "#microsoft.graph." + type);
            target.Add("deviceAndAppManagementAssignmentFilterId", _rng.NextDouble() < 0.3 ? _rng.Guid() : null);
            target.Add("deviceAndAppManagementAssignmentFilterType", "none");
            if (type.Contains("group", StringComparison.OrdinalIgnoreCase)) target.Add("groupId", _rng.Guid());
            return target;
        }

        // ---- Settings Catalog -------------------------------------------------------------------------------

        private const string InstancePrefix = "#microsoft.graph.deviceManagementConfiguration";

        private static JObj Choice(string id, string option, List<object?> children) => new JObj()
            .Add("@odata.type", InstancePrefix + "ChoiceSettingInstance")
            .Add("settingDefinitionId", id)
            .Add("settingInstanceTemplateReference", null)
            .Add("choiceSettingValue", new JObj()
                .Add("settingValueTemplateReference", null)
                .Add("value", id + "_" + option)
                .Add("children", children));

        private static JObj SimpleInteger(string id, long value) => new JObj()
            .Add("@odata.type", InstancePrefix + "SimpleSettingInstance")
            .Add("settingDefinitionId", id)
            .Add("settingInstanceTemplateReference", null)
            .Add("simpleSettingValue", new JObj()
                .Add("@odata.type", InstancePrefix + "IntegerSettingValue")
                .Add("settingValueTemplateReference", null)
                .Add("value", value));

        private static JObj SimpleString(string id, string value) => new JObj()
            .Add("@odata.type", InstancePrefix + "SimpleSettingInstance")
            .Add("settingDefinitionId", id)
            .Add("settingInstanceTemplateReference", null)
            .Add("simpleSettingValue", new JObj()
                .Add("@odata.type", InstancePrefix + "StringSettingValue")
                .Add("settingValueTemplateReference", null)
                .Add("value", value));

        private JObj SimpleCollection(string id)
        {
            var values = new List<object?>();
            int n = _rng.Next(2, 9);
            for (int i = 0; i < n; i++)
            {
                values.Add(new JObj().Add("@odata.type", InstancePrefix + "StringSettingValue").Add("settingValueTemplateReference", null).Add("value", $"{_rng.Word()}.{_rng.Word()}.contoso.com"));
            }
            return new JObj()
                .Add("@odata.type", InstancePrefix + "SimpleSettingCollectionInstance")
                .Add("settingDefinitionId", id)
                .Add("settingInstanceTemplateReference", null)
                .Add("simpleSettingCollectionValue", values);
        }

        private JObj GroupCollection(string id, int depth)
        {
            var groups = new List<object?>();
            int n = _rng.Next(1, 3);
            for (int g = 0; g < n; g++)
            {
                var children = new List<object?>();
                int m = _rng.Next(2, 5);
                for (int c = 0; c < m; c++) children.Add(FillerInstance(Vocabulary.ChildId(id, c), depth + 1));
                groups.Add(new JObj().Add("settingValueTemplateReference", null).Add("children", children));
            }
            return new JObj()
                .Add("@odata.type", InstancePrefix + "GroupSettingCollectionInstance")
                .Add("settingDefinitionId", id)
                .Add("settingInstanceTemplateReference", null)
                .Add("groupSettingCollectionValue", groups);
        }

        private JObj ChoiceCollection(string id)
        {
            var values = new List<object?>();
            int n = _rng.Next(1, 4);
            for (int i = 0; i < n; i++)
            {
                values.Add(new JObj().Add("settingValueTemplateReference", null).Add("value", Vocabulary.ChildId(id, _rng.Next(4))).Add("children", new List<object?>()));
            }
            return new JObj()
                .Add("@odata.type", InstancePrefix + "ChoiceSettingCollectionInstance")
                .Add("settingDefinitionId", id)
                .Add("settingInstanceTemplateReference", null)
                .Add("choiceSettingCollectionValue", values);
        }

        private string FillerId() => _rng.Pick(Vocabulary.SettingIds);

        /// <summary>A harmless setting instance of any kind; group collections nest two levels, choices add one more.</summary>
        private JObj FillerInstance(string? id, int depth)
        {
            id ??= FillerId();
            double p = _rng.NextDouble();
            if (depth < 2 && p < 0.12) return GroupCollection(id, depth);
            if (depth < 3 && p < 0.3)
            {
                var children = new List<object?>();
                int n = _rng.Next(1, 4);
                for (int i = 0; i < n; i++)
                {
                    children.Add(_rng.NextDouble() < 0.5
                        ? Choice(Vocabulary.ChildId(id, i), _rng.Next(0, 2).ToString(), new List<object?>())
                        : SimpleInteger(Vocabulary.ChildId(id, i), _rng.Pick(Vocabulary.IntegerValues)));
                }
                return Choice(id, "1", children);
            }
            if (p < 0.6) return Choice(id, _rng.Next(0, 2).ToString(), new List<object?>());
            if (p < 0.72) return SimpleInteger(id, _rng.Pick(Vocabulary.IntegerValues));
            if (p < 0.84) return SimpleString(id, $"{Vocabulary.Words[(Vocabulary.StableHash(id) + _rng.Next(3)) % Vocabulary.Words.Length]}-{Vocabulary.Words[Vocabulary.StableHash(id) % Vocabulary.Words.Length]}");
            if (p < 0.96) return SimpleCollection(id);
            return ChoiceCollection(id);
        }

        private GeneratedResource SettingsCatalog(bool risky)
        {
            string name = NextName("Win - SC");
            var instances = new List<JObj>();
            const string telemetry = "device_vendor_msft_policy_config_system_allowtelemetry";
            const string deviceName = "device_vendor_msft_policy_config_system_allowdevicenameindiagnosticdata";
            var r = new GeneratedResource("settingsCatalog", "deviceManagementConfigurationPolicy", "deviceManagement/configurationPolicies", false, name, new JObj());
            bool hasTelemetry = risky || _rng.NextDouble() < 0.25;
            int riskKind = _rng.Next(3);
            if (hasTelemetry)
            {
                string level = risky && riskKind != 1 ? (_rng.Next(2) == 0 ? "2" : "3") : _rng.Next(2).ToString();
                if (risky && riskKind != 1) r.Risks.Add(Checks.TelemetryAboveBasic);
                instances.Add(Choice(telemetry, level, new List<object?>()));
                if (risky && riskKind != 0)
                {
                    var device = Choice(deviceName, "1", new List<object?>());
                    r.Risks.Add(Checks.DeviceNameInTelemetry);
                    // Now and then the risky instance sits inside a group collection, to exercise the recursive walk.
                    if (_rng.NextDouble() < 0.3)
                    {
                        var group = GroupCollection("device_vendor_msft_policy_config_system_diagnosticgroup", 1);
                        var firstGroup = (JObj)((List<object?>)group.Props.First(p => p.Key == "groupSettingCollectionValue").Value!)[0]!;
                        ((List<object?>)firstGroup.Props.First(p => p.Key == "children").Value!).Add(device);
                        instances.Add(group);
                    }
                    else
                    {
                        instances.Add(device);
                    }
                }
                else if (!risky && _rng.NextDouble() < 0.5)
                {
                    instances.Add(Choice(deviceName, "0", new List<object?>()));
                }
            }
            int initial = _rng.Next(1, 4);
            for (int i = 0; i < initial; i++) instances.Insert(_rng.Next(instances.Count + 1), FillerInstance(null, 0));

            var settings = new List<object?>();
            foreach (var instance in instances) settings.Add(SettingWrapper(settings.Count, instance));
            bool mac = _rng.NextDouble() < 0.15;
            r.Body
                .Add("createdDateTime", _rng.Timestamp())
                .Add("creationSource", null)
                .Add("description", $"{_rng.Word()} {_rng.Word()} policy for {_rng.Pick(Vocabulary.NameParts)}")
                .Add("lastModifiedDateTime", _rng.Timestamp())
                .Add("name", name)
                .Add("platforms", mac ? "macOS" : "windows10")
                .Add("priorityMetaData", null)
                .Add("roleScopeTagIds", ScopeTags())
                .Add("settingCount", settings.Count)
                .Add("technologies", mac ? "mdm,appleRemoteManagement" : "mdm")
                .Add("id", _rng.Guid())
                .Add("templateReference", new JObj().Add("templateId", "").Add("templateFamily", "none").Add("templateDisplayName", null).Add("templateDisplayVersion", null))
                .Add("settings", settings);
            r.FillerProperty = "settings";
            r.Filler = rng => SettingWrapper(-1, FillerInstance(null, 0));
            return r;
        }

        /// <summary>A <c>settings[]</c> item; the id is renumbered by the exporter once filler has been added.</summary>
        private static JObj SettingWrapper(int index, JObj instance) => new JObj().Add("id", index.ToString()).Add("settingInstance", instance);

        // ---- Legacy device configuration profiles ----------------------------------------------------------

        private GeneratedResource LegacyProfile(bool risky)
        {
            double p = _rng.NextDouble();
            if (p < 0.55) return Windows10General(risky);
            string type = p < 0.75 ? "iosGeneralDeviceConfiguration" : p < 0.9 ? "androidDeviceOwnerGeneralDeviceConfiguration" : "windowsHealthMonitoringConfiguration";
            var r = new GeneratedResource("legacy", type, "deviceManagement/deviceConfigurations", true, NextName(type.StartsWith("ios") ? "iOS - DC" : type.StartsWith("android") ? "AND - DC" : "Win - DC"), new JObj());
            CommonDeviceConfiguration(r);
            // The Spectral comparison does not cover these checks; they are in the ground truth so the risky share is right.
            if (type == "iosGeneralDeviceConfiguration")
            {
                r.Body.Add("diagnosticDataBlockSubmission", !risky).Add("diagnosticDataBlockSubmissionModification", !risky);
                if (risky) r.Risks.Add(Checks.IosDiagnosticsAllowed);
            }
            else if (type == "windowsHealthMonitoringConfiguration")
            {
                r.Body.Add("allowDeviceHealthMonitoring", risky ? "enabled" : "disabled").Add("configDeviceHealthMonitoringScope", risky ? "bootPerformance,windowsUpdates" : "undefined").Add("configDeviceHealthMonitoringCustomScope", null);
                if (risky) r.Risks.Add(Checks.HealthMonitoringOn);
            }
            else
            {
                r.Body.Add("deviceLocationMode", risky ? "notConfigured" : "disabled").Add("shareDeviceLocationDisabled", !risky);
                if (risky) r.Risks.Add(Checks.AndroidLocationShared);
            }
            AddLegacyProperties(r.Body, _rng.Next(10, 40));
            r.Filler = rng => null;
            return r;
        }

        private void CommonDeviceConfiguration(GeneratedResource r)
        {
            r.Body
                .Add("id", _rng.Guid())
                .Add("lastModifiedDateTime", _rng.Timestamp())
                .Add("roleScopeTagIds", ScopeTags())
                .Add("supportsScopeTags", true)
                .Add("deviceManagementApplicabilityRuleOsEdition", null)
                .Add("deviceManagementApplicabilityRuleOsVersion", null)
                .Add("deviceManagementApplicabilityRuleDeviceMode", null)
                .Add("createdDateTime", _rng.Timestamp())
                .Add("description", _rng.NextDouble() < 0.3 ? null : $"{_rng.Word()} & {_rng.Word()} <{_rng.Pick(Vocabulary.NameParts)}>")
                .Add("displayName", r.Name)
                .Add("version", _rng.Next(1, 20));
        }

        private void AddLegacyProperties(JObj body, int count)
        {
            for (int i = 0; i < count; i++) AddLegacyProperty(body, i);
        }

        /// <summary>The i-th property of a profile; names depend only on i, so every profile uses the same few hundred names.</summary>
        private void AddLegacyProperty(JObj body, int i)
        {
            var stems = Vocabulary.LegacyBooleanStems;
            string key = stems[i % stems.Length] + (i < stems.Length ? "" : (i / stems.Length).ToString());
            double p = _rng.NextDouble();
            object? value = p < 0.6 ? _rng.Next(2) == 0 : p < 0.8 ? null : p < 0.9 ? (object)$"{_rng.Word()}{_rng.Word()}" : new List<object?> { _rng.Word(), _rng.Word() };
            body.Add(key, value);
        }

        private GeneratedResource Windows10General(bool risky)
        {
            var r = new GeneratedResource("legacy", "windows10GeneralConfiguration", "deviceManagement/deviceConfigurations", true, NextName("Win - DC - Restrictions"), new JObj());
            CommonDeviceConfiguration(r);
            string mode;
            if (risky)
            {
                // Graph's default for an unconfigured profile is userDefined, so that form is as common as a raised level.
                int k = _rng.Next(3);
                mode = k == 0 ? "enhanced" : k == 1 ? "full" : "userDefined";
                r.Risks.Add(mode == "userDefined" ? Checks.TelemetryUserDefined : Checks.TelemetryAboveBasic);
            }
            else
            {
                mode = _rng.Next(2) == 0 ? "basic" : "none";
            }
            AddLegacyProperties(r.Body, _rng.Next(20, 60));
            r.Body.Insert(_rng.Next(12, r.Body.Props.Count), "diagnosticsDataSubmissionMode", mode);
            r.Body.Add("edgeTelemetryForMicrosoft365Analytics", "notConfigured");
            r.Body.Add("systemTelemetryProxyServer", null);
            r.Filler = rng => null;
            return r;
        }

        // ---- Custom OMA-URI profiles -------------------------------------------------------------------------

        private JObj OmaSetting(string uri, object value)
        {
            bool integer = value is int;
            return new JObj()
                .Add("@odata.type", integer ? "#microsoft.graph.omaSettingInteger" : "#microsoft.graph.omaSettingString")
                .Add("displayName", uri.Substring(uri.LastIndexOf('/') + 1))
                .Add("description", null)
                .Add("omaUri", uri)
                .Add("secretReferenceValueId", null)
                .Add("isEncrypted", false)
                .Add("value", value)
                .Add("isReadOnly", false);
        }

        private JObj FillerOma()
        {
            string uri = _rng.Pick(Vocabulary.OmaUris);
            return _rng.NextDouble() < 0.7 ? OmaSetting(uri, _rng.Next(0, 3)) : OmaSetting(uri, $"<enabled/><data id=\"{Vocabulary.Words[Vocabulary.StableHash(uri) % Vocabulary.Words.Length]}\" value=\"{_rng.Next(3)}\"/>");
        }

        private GeneratedResource CustomOmaUri(bool risky)
        {
            var r = new GeneratedResource("omaUri", "windows10CustomConfiguration", "deviceManagement/deviceConfigurations", true, NextName("Win - OMA"), new JObj());
            CommonDeviceConfiguration(r);
            var settings = new List<object?>();
            int n = _rng.Next(1, 5);
            for (int i = 0; i < n; i++) settings.Add(FillerOma());
            int riskKind = _rng.Next(3);
            if (risky && riskKind != 1)
            {
                // The Policy CSP accepts the short ./Vendor/MSFT form as well; both must be caught.
                string uri = _rng.Next(2) == 0 ? "./Device/Vendor/MSFT/Policy/Config/System/AllowTelemetry" : "./Vendor/MSFT/Policy/Config/System/AllowTelemetry";
                settings.Insert(_rng.Next(settings.Count + 1), OmaSetting(uri, _rng.Next(2, 4)));
                r.Risks.Add(Checks.TelemetryAboveBasic);
            }
            else if (!risky && _rng.NextDouble() < 0.3)
            {
                settings.Insert(_rng.Next(settings.Count + 1), OmaSetting("./Device/Vendor/MSFT/Policy/Config/System/AllowTelemetry", _rng.Next(0, 2)));
            }
            if (risky && riskKind != 0)
            {
                settings.Insert(_rng.Next(settings.Count + 1), OmaSetting("./Device/Vendor/MSFT/Policy/Config/System/AllowDeviceNameInDiagnosticData", 1));
                r.Risks.Add(Checks.DeviceNameInTelemetry);
            }
            r.Body.Add("omaSettings", settings);
            r.FillerProperty = "omaSettings";
            r.Filler = rng => FillerOma();
            return r;
        }

        // ---- Compliance --------------------------------------------------------------------------------------

        private GeneratedResource Compliance(bool risky)
        {
            string[] types = { "windows10CompliancePolicy", "iosCompliancePolicy", "androidWorkProfileCompliancePolicy", "macOSCompliancePolicy" };
            string type = _rng.Pick(types);
            var r = new GeneratedResource("compliance", type, "deviceManagement/deviceCompliancePolicies", true, NextName("Compliance - " + type.Substring(0, 3)), new JObj());
            CommonDeviceConfiguration(r);
            string risk = "";
            if (risky)
            {
                var options = new List<string> { Checks.ComplianceNoBlock };
                options.Add(type == "iosCompliancePolicy" ? Checks.ComplianceJailbreak : Checks.CompliancePassword);
                if (type != "iosCompliancePolicy") options.Add(Checks.ComplianceEncryption);
                if (type == "androidWorkProfileCompliancePolicy") options.Add(Checks.ComplianceJailbreak);
                risk = _rng.Pick(options);
                r.Risks.Add(risk);
            }
            bool ios = type == "iosCompliancePolicy";
            r.Body.Add(ios ? "passcodeRequired" : "passwordRequired", risk != Checks.CompliancePassword);
            r.Body.Add(ios ? "passcodeMinimumLength" : "passwordMinimumLength", 6 + _rng.Next(3));
            r.Body.Add(ios ? "passcodeBlockSimple" : "passwordBlockSimple", true);
            if (!ios) r.Body.Add("storageRequireEncryption", risk != Checks.ComplianceEncryption);
            if (type != "windows10CompliancePolicy" && type != "macOSCompliancePolicy") r.Body.Add("securityBlockJailbrokenDevices", risk != Checks.ComplianceJailbreak);
            if (type == "windows10CompliancePolicy")
            {
                r.Body.Add("bitLockerEnabled", true).Add("secureBootEnabled", true).Add("codeIntegrityEnabled", true).Add("tpmRequired", true)
                    .Add("defenderEnabled", true).Add("rtpEnabled", true).Add("antivirusRequired", true).Add("antiSpywareRequired", true)
                    .Add("activeFirewallRequired", true).Add("deviceThreatProtectionEnabled", false).Add("deviceThreatProtectionRequiredSecurityLevel", "unavailable")
                    .Add("validOperatingSystemBuildRanges", new List<object?>());
            }
            r.Body.Add("osMinimumVersion", _rng.NextDouble() < 0.2 ? null : $"{10 + _rng.Next(5)}.0").Add("osMaximumVersion", null);
            var actions = new List<object?>();
            if (risk != Checks.ComplianceNoBlock) actions.Add(ScheduledAction("block", _rng.NextDouble() < 0.5 ? 0 : 336));
            if (_rng.NextDouble() < 0.6 || actions.Count == 0) actions.Add(ScheduledAction(_rng.NextDouble() < 0.5 ? "notification" : "pushNotification", _rng.Next(0, 72)));
            r.Body.Add("scheduledActionsForRule", new List<object?> { new JObj().Add("ruleName", "PasswordRequired").Add("scheduledActionConfigurations", actions) });
            r.Filler = rng => null;
            return r;
        }

        private JObj ScheduledAction(string type, int grace) => new JObj()
            .Add("id", _rng.Guid())
            .Add("gracePeriodHours", grace)
            .Add("actionType", type)
            .Add("notificationTemplateId", "00000000-0000-0000-0000-000000000000")
            .Add("notificationMessageCCList", new List<object?>());

        // ---- App protection (MAM) ----------------------------------------------------------------------------

        private GeneratedResource AppProtection(bool risky)
        {
            bool ios = _rng.Next(2) == 0;
            string type = ios ? "iosManagedAppProtection" : "androidManagedAppProtection";
            var r = new GeneratedResource("mam", type, "deviceAppManagement/managedAppPolicies", true, NextName(ios ? "iOS - APP" : "AND - APP"), new JObj());
            int riskKind = _rng.Next(3);
            bool backupRisk = risky && riskKind != 1;
            bool transferRisk = risky && riskKind != 0;
            if (backupRisk) r.Risks.Add(Checks.MamBackup);
            if (transferRisk) r.Risks.Add(Checks.MamTransfer);
            r.Body
                .Add("displayName", r.Name)
                .Add("description", "")
                .Add("createdDateTime", _rng.Timestamp())
                .Add("lastModifiedDateTime", _rng.Timestamp())
                .Add("roleScopeTagIds", ScopeTags())
                .Add("id", "T_" + _rng.Guid())
                .Add("version", $"\"{_rng.Next(1, 9)}\"")
                .Add("periodOfflineBeforeAccessCheck", "PT12H")
                .Add("periodOnlineBeforeAccessCheck", "PT30M")
                .Add("allowedInboundDataTransferSources", _rng.NextDouble() < 0.5 ? "allApps" : "managedApps")
                .Add("allowedOutboundDataTransferDestinations", transferRisk ? "allApps" : (_rng.NextDouble() < 0.8 ? "managedApps" : "none"))
                .Add("organizationalCredentialsRequired", false)
                .Add("allowedOutboundClipboardSharingLevel", "managedAppsWithPasteIn")
                .Add("dataBackupBlocked", !backupRisk)
                .Add("deviceComplianceRequired", true)
                .Add("managedBrowserToOpenLinksRequired", true)
                .Add("saveAsBlocked", true)
                .Add("periodOfflineBeforeWipeIsEnforced", "P90D")
                .Add("pinRequired", true)
                .Add("maximumPinRetries", 5)
                .Add("simplePinBlocked", true)
                .Add("minimumPinLength", 6)
                .Add("pinCharacterSet", "numeric")
                .Add("periodBeforePinReset", "PT0S")
                .Add("allowedDataStorageLocations", new List<object?> { "oneDriveForBusiness", "sharePoint" })
                .Add("contactSyncBlocked", false)
                .Add("printBlocked", _rng.Next(2) == 0)
                .Add("fingerprintBlocked", false)
                .Add("minimumRequiredOsVersion", ios ? "17.0" : "12.0")
                .Add("minimumWarningOsVersion", null)
                .Add("appActionIfDeviceComplianceRequired", "block")
                .Add("appActionIfMaximumPinRetriesExceeded", "block")
                .Add("notificationRestriction", "blockOrganizationalData")
                .Add("managedBrowser", "microsoftEdge")
                .Add("targetedAppManagementLevels", "unspecified")
                .Add("appGroupType", "selectedPublicApps");
            if (ios) r.Body.Add("appDataEncryptionType", "whenDeviceLocked").Add("faceIdBlocked", false);
            else r.Body.Add("encryptAppData", true).Add("screenCaptureBlocked", true);
            var apps = new List<object?>();
            int n = _rng.Next(3, 10);
            for (int i = 0; i < n; i++) apps.Add(App(ios));
            r.Body.Add("apps", apps);
            r.FillerProperty = "apps";
            r.Filler = rng => App(ios);
            return r;
        }

        private JObj App(bool ios) => new JObj()
            .Add("id", $"{_rng.Pick(Vocabulary.Apps)}.{(ios ? "ios" : "android")}")
            .Add("version", "-" + _rng.Next(100000000, int.MaxValue))
            .Add("mobileAppIdentifier", new JObj()
                .Add("@odata.type", ios ? "#microsoft.graph.iosMobileAppIdentifier" : "#microsoft.graph.androidMobileAppIdentifier")
                .Add(ios ? "bundleId" : "packageId", _rng.Pick(Vocabulary.Apps) + "." + _rng.Word()));

        // ---- Branding ------------------------------------------------------------------------------------------

        private GeneratedResource Branding(bool risky)
        {
            var r = new GeneratedResource("branding", "intuneBrandingProfile", "deviceManagement/intuneBrandingProfiles", false, NextName("Branding"), new JObj());
            int riskKind = _rng.Next(3);
            bool ownershipOff = risky && riskKind != 1;
            bool telemetryOn = risky && riskKind != 0;
            // The ownership flag is absent from some schema versions and exporters (FORMATS.md TL;DR).
            bool ownershipMissing = !ownershipOff && _rng.NextDouble() < 0.25;
            bool privacyMissing = _rng.NextDouble() < 0.2;
            if (ownershipOff) r.Risks.Add(Checks.BrandingOwnershipFalse);
            if (ownershipMissing) r.Risks.Add(Checks.BrandingOwnershipMissing);
            if (telemetryOn) r.Risks.Add(Checks.BrandingTelemetryOn);
            if (privacyMissing) r.Risks.Add(Checks.BrandingNoPrivacy);
            r.Body
                .Add("id", _rng.Guid())
                .Add("profileName", r.Name)
                .Add("profileDescription", "Company Portal branding")
                .Add("isDefaultProfile", _rng.NextDouble() < 0.5)
                .Add("createdDateTime", _rng.Timestamp())
                .Add("lastModifiedDateTime", _rng.Timestamp())
                .Add("displayName", "Contoso " + _rng.Pick(Vocabulary.NameParts))
                .Add("contactITName", "IT Service Desk")
                .Add("contactITPhoneNumber", "+31 20 " + _rng.Next(1000000, 9999999))
                .Add("contactITEmailAddress", "servicedesk@contoso.com")
                .Add("contactITNotes", "")
                .Add("onlineSupportSiteUrl", "https://support.contoso.com")
                .Add("onlineSupportSiteName", "Support")
                .Add("privacyUrl", privacyMissing ? null : "https://contoso.com/privacy")
                .Add("customPrivacyMessage", privacyMissing ? "" : "Your organization can see your device model and OS version. It cannot see your personal files.")
                .Add("customCanSeePrivacyMessage", null)
                .Add("customCantSeePrivacyMessage", null)
                .Add("isRemoveDeviceDisabled", false)
                .Add("isFactoryResetDisabled", false)
                .Add("companyPortalBlockedActions", new List<object?>())
                .Add("showAzureADEnterpriseApps", false)
                .Add("showOfficeWebApps", true)
                .Add("showConfigurationManagerApps", false)
                .Add("enrollmentAvailability", "availableWithPrompts")
                .Add("disableClientTelemetry", !telemetryOn)
                .Add("disableDeviceCategorySelection", false)
                .Add("roleScopeTagIds", ScopeTags())
                .Add("themeColor", new JObj().Add("r", _rng.Next(256)).Add("g", _rng.Next(256)).Add("b", _rng.Next(256)));
            if (!ownershipMissing) r.Body.Insert(r.Body.Props.Count - 3, "sendDeviceOwnershipChangePushNotification", !ownershipOff);
            r.Body.Add("showLogo", true).Add("showDisplayNameNextToLogo", true);
            r.Body.Add("landingPageCustomizedImage", null);
            r.Body.Add("lightBackgroundLogo", Logo(_rng.Next(600, 3000)));
            r.Body.Add("themedLogo", Logo(_rng.Next(600, 3000)));
            r.Filler = rng => null;
            return r;
        }

        private JObj Logo(int bytes)
        {
            var data = new byte[bytes];
            _rng.NextBytes(data);
            return new JObj().Add("@odata.type", "#microsoft.graph.mimeContent").Add("type", "image/png").Add("value", Convert.ToBase64String(data));
        }

        // ---- Small tenant objects --------------------------------------------------------------------------------

        private GeneratedResource Misc()
        {
            double p = _rng.NextDouble();
            if (p < 0.5)
            {
                var r = new GeneratedResource("misc", "roleScopeTag", "deviceManagement/roleScopeTags", false, NextName("Scope"), new JObj());
                r.Body.Add("id", _rng.Next(1, 500).ToString()).Add("displayName", r.Name).Add("description", "Scope tag for " + _rng.Pick(Vocabulary.NameParts)).Add("isBuiltIn", false);
                return r;
            }
            var f = new GeneratedResource("misc", "deviceAndAppManagementAssignmentFilter", "deviceManagement/assignmentFilters", false, NextName("Filter"), new JObj());
            f.Body.Add("createdDateTime", _rng.Timestamp()).Add("lastModifiedDateTime", _rng.Timestamp()).Add("displayName", f.Name)
                .Add("description", "").Add("platform", "windows10AndLater")
                .Add("rule", $"(device.deviceOwnership -eq \"Corporate\") and (device.model -startsWith \"{_rng.Word()}\")")
                .Add("assignmentFilterManagementType", "devices").Add("roleScopeTags", ScopeTags()).Add("payloads", new List<object?>()).Add("id", _rng.Guid());
            return f;
        }

        /// <summary>A filler property for legacy profiles, used by the exporter to pad towards a target size.</summary>
        public void AddLegacyFiller(JObj body, int index) => AddLegacyProperty(body, body.Props.Count + index);
    }
}
