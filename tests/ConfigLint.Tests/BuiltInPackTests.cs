using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Rules;
using ConfigLint.Rules;
using ConfigLint.Tools;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>
    /// The built-in packs are compiled into C# at build time (BuiltInPacks.g.cs) so that start-up parses no YAML: the
    /// compiled form must be exactly what the loader reads from rules/packs/*.yaml (same settings and forms, same
    /// rules, messages, severities and condition trees) and name every C# rule class.
    /// </summary>
    [TestFixture]
    public sealed class BuiltInPackTests
    {
        private const string Generate = "`dotnet run --project build/tools -- generate`";

        private static LoadedPack FromYaml() => RulePackLoader.Load(IntunePack.YamlPacks(), PackIdentifiers.GetHelpUri);

        [Test]
        public void CompiledSettingsAreTheYamlSettings()
        {
            var yaml = FromYaml().Settings;
            var compiled = BuiltInPacks.Load().Settings;
            Assert.That(compiled.Select(s => s.Id), Is.EqualTo(yaml.Select(s => s.Id)), $"the compiled packs drifted from rules/packs; regenerate with {Generate}");
            foreach (var (c, y) in compiled.Zip(yaml, (c, y) => (c, y)))
            {
                Assert.That(Describe(c), Is.EqualTo(Describe(y)), $"setting {y.Id}: regenerate with {Generate}");
            }
        }

        [Test]
        public void CompiledRulesAreTheYamlRules()
        {
            var yaml = FromYaml().Rules;
            var compiled = BuiltInPacks.Load().Rules;
            Assert.That(yaml, Has.Count.GreaterThan(40), "the packs hold the built-in rules");
            Assert.That(compiled.Select(r => r.Descriptor.Id), Is.EqualTo(yaml.Select(r => r.Descriptor.Id)), $"the compiled packs drifted from rules/packs; regenerate with {Generate}");
            foreach (var (c, y) in compiled.Zip(yaml, (c, y) => (c, y)))
            {
                Assert.That(Describe(c), Is.EqualTo(Describe(y)), $"rule {y.Descriptor.Id}: regenerate with {Generate}");
            }
        }

        [Test]
        public void EveryRuleClassIsCompiledIn()
        {
            Assert.That(BuiltInPacks.ResourceRules().Select(r => r.GetType()), Is.EqualTo(BuiltInPackSource.RuleClasses(typeof(ResourceRule))));
            Assert.That(BuiltInPacks.TenantRules().Select(r => r.GetType()), Is.EqualTo(BuiltInPackSource.RuleClasses(typeof(TenantRule))));
            Assert.That(BuiltInPacks.RuleFixes().Select(r => r.GetType()), Is.EqualTo(BuiltInPackSource.RuleClasses(typeof(ConfigLint.Core.Fixes.RuleFix))));
            Assert.That(BuiltInPacks.ResourceRules(), Is.Not.Empty);
            Assert.That(BuiltInPacks.TenantRules(), Is.Not.Empty);
        }

        [Test]
        public void GeneratedFileIsUpToDate()
        {
            var path = Path.Combine(TestPaths.RepoRoot, BuiltInPackSource.RelativePath);
            Assert.That(RepoLayout.Read(path), Is.EqualTo(BuiltInPackSource.Render()), $"{BuiltInPackSource.RelativePath} drifted; regenerate it with {Generate}");
        }

        [Test]
        public void CompiledConditionsBehaveLikeTheYamlOnes()
        {
            // Equal descriptions could still hide an operand that reads differently once compiled (a list flattened
            // to text, a number as a string); the conditions must also decide the same on sample values.
            var samples = new[] { null, "", "0", "1", "2", "3", "true", "false", "P30D", "PT12H", "basic", "full", "userDefined", "notConfigured", "enabled", "disabled", "block" };
            var yaml = FromYaml().Rules.SelectMany(r => r.Leaves).ToList();
            var compiled = BuiltInPacks.Load().Rules.SelectMany(r => r.Leaves).ToList();
            int decided = 0;
            for (int i = 0; i < yaml.Count; i++)
            {
                if (yaml[i].When.Presence != PresenceTest.Value || yaml[i].When.Terms.Any(t => t.Operator == "isNull" || t.Operator == "matches" || t.Operator == "contains")) continue;
                foreach (var value in samples)
                {
                    Assert.That(compiled[i].When.Matches(value, null!), Is.EqualTo(yaml[i].When.Matches(value, null!)), $"leaf {i} ({yaml[i].Setting.Id}) on '{value}'");
                    decided++;
                }
            }
            Assert.That(decided, Is.GreaterThan(100));
        }

        [Test]
        public void CustomPacksStillLoadOverTheCompiledOnes()
        {
            var builtIn = IntunePack.Create();
            var setting = builtIn.Settings.First(s => !s.Id.StartsWith("property:", StringComparison.Ordinal));
            var pack = IntunePack.Create(new[] { ("mine.yaml", $"helpUri: https://x.example/{{id}}\nrules:\n  - id: MINE1\n    name: Mine.Rule\n    title: t\n    message: m\n    category: Mine\n    severity: error\n    setting: {setting.Id}\n    when: {{ in: [1, 2] }}\n") });
            var mine = pack.DeclarativeRules.Single(r => r.Descriptor.Id == "MINE1");
            Assert.That(mine.Leaves[0].Setting, Is.SameAs(pack.Settings.Single(s => s.Id == setting.Id)), "the custom rule uses the built-in setting");
            Assert.That(pack.DeclarativeRules.Select(r => r.Descriptor.Id).Take(builtIn.DeclarativeRules.Count), Is.EqualTo(builtIn.DeclarativeRules.Select(r => r.Descriptor.Id)));
            Assert.That(mine.Leaves[0].When.Terms.Single().Operand, Is.EqualTo(new List<object?> { "1", "2" }));
        }

        private static string Describe(SettingDefinition s) =>
            $"{s.Id}|{s.Title}|" + string.Join(";", s.Forms.Select(f =>
                $"{f.Form}:{f.Key}:{Set(f.Types)}:{(f.Map == null ? "-" : string.Join(",", f.Map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)))}:{f.Setting.Id}"));

        private static string Describe(DeclarativeRule r)
        {
            var d = r.Descriptor;
            return string.Join("|", d.Id, d.Name, d.Title, d.MessageFormat, d.Category, d.DefaultSeverity, d.Description, d.Source,
                string.Join(",", d.Tags), d.HelpUri, Set(r.Types), r.Combination, r.NeedsTypeScan,
                string.Join(";", r.Leaves.Select(l => $"{l.Setting.Id}:{l.When.Presence}:" + string.Join(",", l.When.Terms.Select(t => t.Operator + "=" + Operand(t.Operand))))));
        }

        private static string Set(IEnumerable<string>? items) => items == null ? "-" : string.Join(",", items.OrderBy(t => t, StringComparer.Ordinal));

        private static string Operand(object? operand) => operand switch
        {
            null => "null",
            string s => "'" + s + "'",
            IDictionary map => "{" + string.Join(",", map.Keys.Cast<object>().Select(k => k + ":" + Operand(map[k]))) + "}",
            IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Operand)) + "]",
            _ => operand.GetType().Name + ":" + operand,
        };
    }
}
