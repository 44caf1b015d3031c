using ConfigLint.Core.Config;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    [TestFixture]
    public sealed class EditorConfigTests
    {
        [TestCase("*.json", "a.json", true)]
        [TestCase("*.json", "deep/down/a.json", true)]
        [TestCase("*.json", "a.yaml", false)]
        [TestCase("lab/**.json", "lab/a.json", true)]
        [TestCase("lab/**.json", "lab/x/y/a.json", true)]
        [TestCase("lab/**.json", "other/lab/a.json", false)]
        [TestCase("/lab/*.json", "lab/a.json", true)]
        [TestCase("lab/*.json", "lab/x/a.json", false)]
        [TestCase("*.{json,yaml}", "p/a.yaml", true)]
        [TestCase("**/Settings Catalog/*.json", "Settings Catalog/a.json", true)]
        [TestCase("file?.json", "file1.json", true)]
        [TestCase("[ab].json", "b.json", true)]
        [TestCase("[!ab].json", "b.json", false)]
        public void GlobsMatchAsEditorConfigDefines(string glob, string relativePath, bool expected)
        {
            Assert.That(EditorConfigFile.GlobToRegex(glob).IsMatch(relativePath), Is.EqualTo(expected));
        }

        [Test]
        public void LaterSectionsWinAndKeysAreCaseInsensitive()
        {
            var config = EditorConfigFile.Parse("/repo/.editorconfig", "root = true\n[*.json]\nconfiglint.severity.CL1001 = warning\n# comment\n[lab/*.json]\nConfigLint.Severity.CL1001 = none\n");
            Assert.That(config.IsRoot, Is.True);
            Assert.That(config.Lookup("/repo/a.json", "configlint.severity.cl1001"), Is.EqualTo("warning"));
            Assert.That(config.Lookup("/repo/lab/a.json", "configlint.severity.cl1001"), Is.EqualTo("none"));
            Assert.That(config.Lookup("/elsewhere/a.json", "configlint.severity.cl1001"), Is.Null);
        }

        [Test]
        public void IsGlobalMakesAnEditorConfigGlobal()
        {
            Assert.That(EditorConfigFile.Parse("/r/.editorconfig", "is_global = true\ndotnet_diagnostic.CL1001.severity = error\n").IsGlobal, Is.True);
            Assert.That(EditorConfigFile.Parse("/r/.globalconfig", "dotnet_diagnostic.CL1001.severity = error\n").IsGlobal, Is.True);
        }
    
        [Test]
        public void UnknownSeverityValuesAreProblemsWithTheirLine()
        {
            var config = EditorConfigFile.Parse("/r/.editorconfig", "root = true\n\n[*.json]\nconfiglint.severity.CL1001 = loud\ndotnet_diagnostic.CL1002.severity = default\nindent_size = 2\n");
            Assert.That(config.Problems, Has.Count.EqualTo(1));
            Assert.That(config.Problems[0].Line, Is.EqualTo(4));
            Assert.That(config.Problems[0].Message, Does.StartWith("'loud' is not a severity for configlint.severity.cl1001"));
        }
    }
}
