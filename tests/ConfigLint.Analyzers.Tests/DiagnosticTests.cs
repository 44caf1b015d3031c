using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using ConfigLint.Core.Engine;
using ConfigLint.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>Real rules on real export shapes: each diagnostic at the exact span of the offending JSON token.</summary>
    public sealed class DiagnosticTests
    {
        private const string SettingsCatalogTelemetry = @"{
  ""@odata.type"": ""#microsoft.graph.deviceManagementConfigurationPolicy"",
  ""id"": ""5b1a6f0e-7a0b-4c1f-9d3e-2a6c0f1e0001"",
  ""name"": ""Windows - Diagnostic data"",
  ""platforms"": ""windows10"",
  ""technologies"": ""mdm"",
  ""settings"": [
    {
      ""id"": ""0"",
      ""settingInstance"": {
        ""@odata.type"": ""#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance"",
        ""settingDefinitionId"": ""device_vendor_msft_policy_config_system_allowtelemetry"",
        ""choiceSettingValue"": {
          ""value"": ""device_vendor_msft_policy_config_system_allowtelemetry_3"",
          ""children"": []
        }
      }
    }
  ]
}
";

        [Test]
        public async Task SettingsCatalogFullTelemetryIsCL1001AtTheChoiceValue()
        {
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/SettingsCatalog/telemetry.json", SettingsCatalogTelemetry.Replace(
                @"""device_vendor_msft_policy_config_system_allowtelemetry_3""",
                @"{|CL1001:""device_vendor_msft_policy_config_system_allowtelemetry_3""|}")));
            await test.RunAsync();
        }

        [Test]
        public async Task MessageSeverityAndSpanAreTheEnginesAndTheClisPosition()
        {
            const string path = "/repo/SettingsCatalog/telemetry.json";
            var finding = new LintEngine(IntunePack.Create()).StartRun().LintText(path, SettingsCatalogTelemetry).Findings.Single(f => f.RuleId == "CL1001");
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add((path, SettingsCatalogTelemetry));
            // (14,20)-(14,78) is what `configlint lint` prints for this file: the whole string token, quotes included.
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CL1001", DiagnosticSeverity.Warning)
                .WithSpan(path, 14, 20, 14, 78)
                .WithArguments(finding.Message));
            await test.RunAsync();
            Assert.That((finding.Location!.Start.Line, finding.Location.Start.Column, finding.Location.End.Line, finding.Location.End.Column), Is.EqualTo((14, 20, 14, 78)));
        }

        [Test]
        public async Task LegacyDiagnosticsDataFullIsCL1001AtTheValue()
        {
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/DeviceConfiguration/general.json", @"{
  ""@odata.type"": ""#microsoft.graph.windows10GeneralConfiguration"",
  ""id"": ""11111111-2222-3333-4444-555555555555"",
  ""displayName"": ""Windows 10 - General"",
  ""diagnosticsDataSubmissionMode"": {|CL1001:""full""|},
  ""passwordRequired"": true
}
"));
            await test.RunAsync();
        }

        [Test]
        public async Task BrandingProfileWithCompanyPortalTelemetryOnIsCL1006()
        {
            var test = AnalyzerTest.For("CL1006");
            test.TestState.AdditionalFiles.Add(("/repo/IntuneBranding/contoso.json", @"{
  ""@odata.type"": ""#microsoft.graph.intuneBrandingProfile"",
  ""id"": ""b0000000-0000-0000-0000-000000000001"",
  ""profileName"": ""Default"",
  ""disableClientTelemetry"": {|CL1006:false|},
  ""sendDeviceOwnershipChangePushNotification"": true,
  ""privacyUrl"": ""https://contoso.example/privacy""
}
"));
            await test.RunAsync();
        }

        [Test]
        public async Task EveryRiskyResourceOfAGraphPageIsReportedInItsOwnPlace()
        {
            var test = AnalyzerTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/page.json", @"{
  ""@odata.context"": ""https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations"",
  ""value"": [
    { ""@odata.type"": ""#microsoft.graph.windows10GeneralConfiguration"", ""displayName"": ""A"", ""diagnosticsDataSubmissionMode"": {|CL1001:""full""|} },
    { ""@odata.type"": ""#microsoft.graph.windows10GeneralConfiguration"", ""displayName"": ""B"", ""diagnosticsDataSubmissionMode"": ""basic"" },
    { ""@odata.type"": ""#microsoft.graph.windows10GeneralConfiguration"", ""displayName"": ""C"", ""diagnosticsDataSubmissionMode"": {|CL1001:""enhanced""|} }
  ]
}
"));
            await test.RunAsync();
        }

        [Test]
        public async Task TruncatedJsonIsCL0001ErrorWhereTheFileEnds()
        {
            var test = AnalyzerTest.For("CL0001");
            test.TestState.AdditionalFiles.Add(("/repo/truncated.json", "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n{|CL0001:|}"));
            await test.RunAsync();
        }

        [Test]
        public async Task TenantRuleReportsOnceAtCompilationEndWithoutALocation()
        {
            var test = AnalyzerTest.For("CL1009");
            test.TestState.AdditionalFiles.Add(("/repo/a.json", "{ \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\", \"diagnosticsDataSubmissionMode\": \"basic\" }\n"));
            test.TestState.AdditionalFiles.Add(("/repo/b.json", "{ \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\", \"diagnosticsDataSubmissionMode\": \"none\" }\n"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CL1009", DiagnosticSeverity.Info));
            await test.RunAsync();
        }

        [Test]
        public async Task TenantFindingInAFileIsPlacedInThatFile()
        {
            var test = AnalyzerTest.For("CL1010");
            test.TestState.AdditionalFiles.Add(("/repo/DiagnosticSettings/intune.json", @"{
  ""value"": [
    {
      ""name"": ""to-workspace"",
      ""properties"": {
        ""workspaceId"": ""/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws"",
        ""logs"": [ { ""category"": ""AuditLogs"", ""enabled"": {|CL1010:false|} } ]
      }
    }
  ]
}
"));
            await test.RunAsync();
        }

        [Test]
        public async Task OtherAdditionalFilesAreNotLinted()
        {
            // Every rule is compared here: nothing at all may be reported.
            var test = AnalyzerTest.For(new ConfigLintAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToArray());
            test.TestState.AdditionalFiles.Add(("/repo/package.json", "{ not json"));
            test.TestState.AdditionalFiles.Add(("/repo/stylecop.json", "{ not json"));
            test.TestState.AdditionalFiles.Add(("/repo/global.json", ""));
            test.TestState.AdditionalFiles.Add(("/repo/bin/app.deps.json", "{ not json"));
            test.TestState.AdditionalFiles.Add(("/repo/AnalyzerReleases.Shipped.md", "## Release 1.0"));
            test.TestState.AdditionalFiles.Add(("/repo/azure-pipelines.yml", "{ not: [ yaml"));
            test.TestState.AdditionalFiles.Add(("/repo/notes.txt", "{ not json"));
            await test.RunAsync();
        }
    }
}
