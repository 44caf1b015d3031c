using System.IO;
using System.Text.RegularExpressions;
using ConfigLint.Analyzers.Tests.Support;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests
{
    /// <summary>The documented sample builds with the package this checkout packs.</summary>
    public sealed class SampleRepoTests
    {
        [Test]
        public void SampleProjectUsesTheVersionThisCheckoutPacks()
        {
            // The README's steps pack build/ConfigLint.props' Version; a bump must update the sample too.
            var props = File.ReadAllText(Path.Combine(Tools.RepoRoot, "build", "ConfigLint.props"));
            var version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
            var project = File.ReadAllText(Path.Combine(Tools.RepoRoot, "tests", "samples", "config-repo", "ConfigRepo.csproj"));
            Assert.That(project, Does.Contain($"Sdk=\"ConfigLint.Sdk/{version}\""));
        }
    }
}
