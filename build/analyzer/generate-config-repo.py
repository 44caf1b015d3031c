#!/usr/bin/env python3
"""Writes N Intune-like exports (about 5 KB each on average) for build-cost measurements.

Usage: generate-config-repo.py OUT_DIR [N=2000] [SEED=4]

The mix follows real tenant exports: legacy device configurations, Settings Catalog policies with nested children,
custom OMA-URI profiles, compliance policies and a branding profile, one folder per type as IntuneManagement writes
them. About one resource in five carries a risky setting, so the analyzer reports as it would on a real repo.
"""
import json
import os
import random
import sys
import uuid


def guid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128)))


def padding_settings(rng, count):
    # Harmless settings that make files the size of real exports.
    out = []
    for i in range(count):
        out.append({
            "id": str(i + 1),
            "settingInstance": {
                "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
                "settingDefinitionId": f"device_vendor_msft_policy_config_example_setting{rng.randint(1, 400)}",
                "settingInstanceTemplateReference": None,
                "choiceSettingValue": {
                    "settingValueTemplateReference": None,
                    "value": f"device_vendor_msft_policy_config_example_setting_{rng.randint(0, 2)}",
                    "children": [
                        {
                            "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
                            "settingDefinitionId": f"device_vendor_msft_policy_config_example_child{rng.randint(1, 90)}",
                            "simpleSettingValue": {
                                "@odata.type": "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue",
                                "value": rng.randint(0, 600),
                            },
                        }
                    ] if rng.random() < 0.5 else [],
                },
            },
        })
    return out


def settings_catalog(rng, n, risky):
    settings = padding_settings(rng, rng.randint(6, 20))
    settings.append({
        "id": "0",
        "settingInstance": {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
            "settingDefinitionId": "device_vendor_msft_policy_config_system_allowtelemetry",
            "choiceSettingValue": {
                "value": "device_vendor_msft_policy_config_system_allowtelemetry_" + ("3" if risky else "1"),
                "children": [],
            },
        },
    })
    rng.shuffle(settings)
    return "SettingsCatalog", {
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies/$entity",
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy",
        "id": guid(rng),
        "name": f"WIN - Settings Catalog {n}",
        "description": "Generated for ConfigLint build-cost measurements.",
        "platforms": "windows10",
        "technologies": "mdm",
        "roleScopeTagIds": ["0"],
        "settingCount": len(settings),
        "settings": settings,
    }


def legacy(rng, n, risky):
    body = {
        "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
        "id": guid(rng),
        "displayName": f"WIN - Device restrictions {n}",
        "description": "Generated for ConfigLint build-cost measurements.",
        "version": rng.randint(1, 30),
        "diagnosticsDataSubmissionMode": rng.choice(["full", "enhanced"]) if risky else rng.choice(["basic", "none", "notConfigured"]),
    }
    for i in range(rng.randint(70, 170)):
        body[f"exampleSetting{i}"] = rng.choice([True, False, "notConfigured", "blocked", rng.randint(0, 1000)])
    return "DeviceConfiguration", body


def oma_uri(rng, n, risky):
    oma = [{
        "@odata.type": "#microsoft.graph.omaSettingString",
        "displayName": f"Example {i}",
        "omaUri": f"./Device/Vendor/MSFT/Policy/Config/Example/Setting{rng.randint(1, 300)}",
        "value": str(rng.randint(0, 5)),
    } for i in range(rng.randint(10, 34))]
    oma.append({
        "@odata.type": "#microsoft.graph.omaSettingInteger",
        "displayName": "Allow telemetry",
        "omaUri": "./Device/Vendor/MSFT/Policy/Config/System/AllowTelemetry",
        "value": 3 if risky else 1,
    })
    return "DeviceConfiguration", {
        "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
        "id": guid(rng),
        "displayName": f"WIN - Custom OMA-URI {n}",
        "omaSettings": oma,
    }


def compliance(rng, n, risky):
    body = {
        "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
        "id": guid(rng),
        "displayName": f"WIN - Compliance {n}",
        "passwordRequired": True,
        "passwordMinimumLength": 6 if risky else 14,
        "scheduledActionsForRule": [{"ruleName": "PasswordRequired", "scheduledActionConfigurations": [
            {"actionType": "block", "gracePeriodHours": 0, "notificationTemplateId": ""}]}],
    }
    for i in range(rng.randint(60, 140)):
        body[f"exampleCheck{i}"] = rng.choice([True, False, None, rng.randint(0, 100)])
    return "DeviceCompliance", body


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 4)
    kinds = [settings_catalog, legacy, oma_uri, compliance]
    total = 0
    for n in range(count):
        if n == 0:
            folder, body = "IntuneBranding", {
                "@odata.type": "#microsoft.graph.intuneBrandingProfile", "id": guid(rng), "profileName": "Default",
                "displayName": "Contoso", "disableClientTelemetry": True, "sendDeviceOwnershipChangePushNotification": True,
                "privacyUrl": "https://contoso.example/privacy"}
        else:
            folder, body = kinds[n % len(kinds)](rng, n, rng.random() < 0.2)
        os.makedirs(os.path.join(out, folder), exist_ok=True)
        text = json.dumps(body, indent=2) + "\n"
        total += len(text.encode("utf-8"))
        with open(os.path.join(out, folder, f"export-{n:05d}.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    print(f"{count} files, {total / 1e6:.2f} MB, {total / count / 1e3:.1f} KB average")


if __name__ == "__main__":
    main()
