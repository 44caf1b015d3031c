using System.Threading.Tasks;
using ConfigLint.Analyzers.Tests.Support;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    public sealed class CodeFixTests
    {
        private const string Telemetry = "{\n  \"@odata.type\": \"#microsoft.graph.windows10GeneralConfiguration\",\n  \"displayName\": \"W\",\n  \"diagnosticsDataSubmissionMode\": \"full\"\n}\n";

        [Test]
        public async Task PropertyFormIsFixedToBasic()
        {
            var test = CodeFixTest.For("CL1001");
            test.TestState.AdditionalFiles.Add(("/repo/DeviceConfiguration/w.json", Telemetry.Replace("\"full\"", "{|CL1001:\"full\"|}")));
            test.FixedState.AdditionalFiles.Add(("/repo/DeviceConfiguration/w.json", Telemetry.Replace("\"full\"", "\"basic\"")));
            await test.RunAsync();
        }
    }
}
