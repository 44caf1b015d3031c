using System;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;
using ConfigLint.Rules;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    [TestFixture]
    public sealed class MessageTemplateTests
    {
        private const string Pack = @"settings:
  - id: demo
    forms:
      - { form: property, key: demoValue, types: [demoType] }
rules:
  - id: CL3998
    name: Hygiene.Demo.Value
    title: demo
    category: Hygiene
    severity: warning
    source: test
    setting: demo
    when: { equals: true }
";

        [TestCase("{resource} sets {form} to '{value}'", "'X' sets property 'a' to 'true'")]
        [TestCase("{{id}} stays a literal, {type} does not", "{id} stays a literal, t does not")]
        [TestCase("no placeholder", "no placeholder")]
        [TestCase("{value}{value}", "truetrue")]
        public void RendersNamedPlaceholdersInOnePass(string text, string expected)
        {
            var values = new MessageArgs { ["resource"] = "'X'", ["form"] = "property 'a'", ["value"] = "true", ["type"] = "t" };
            var template = MessageTemplate.Parse(text);
            Assert.That(template.Render(name => values.TryGetValue(name, out var v) ? v : throw new InvalidOperationException(name)), Is.EqualTo(expected));
        }

        [Test]
        public void AValueThatLooksLikeAPlaceholderIsNotFilledAgain()
        {
            var template = MessageTemplate.Parse("{value} in {resource}");
            Assert.That(template.Render(new MessageArgs { ["value"] = "{resource}", ["resource"] = "'P'" }), Is.EqualTo("{resource} in 'P'"));
        }

        [TestCase("open {value", 5)]
        [TestCase("{0} positional", 0)]
        [TestCase("stray } brace", 6)]
        [TestCase("{not a name}", 0)]
        public void MalformedTemplatesAreRejectedWithTheirOffset(string text, int offset)
        {
            var ex = Assert.Throws<FormatException>(() => MessageTemplate.Parse(text));
            Assert.That(ex!.Message, Does.Contain($"offset {offset}"));
        }

        [Test]
        public void ArgumentsMustMatchThePlaceholders()
        {
            var template = MessageTemplate.Parse("{policy} has {count}");
            Assert.That(template.Render(new MessageArgs { ["policy"] = "'P'", ["count"] = 3 }), Is.EqualTo("'P' has 3"));
            Assert.That(() => template.Render(new MessageArgs { ["policy"] = "'P'" }), Throws.ArgumentException.With.Message.Contains("{count}"));
            Assert.That(() => template.Render(new MessageArgs { ["policy"] = "'P'", ["count"] = 1, ["extra"] = 2 }), Throws.ArgumentException.With.Message.Contains("'extra'"));
        }

        [Test]
        public void AYamlRuleWithAnUnknownPlaceholderIsALoadErrorAtItsMessage()
        {
            var yaml = Pack.Replace("    setting: demo\n", "    message: \"{resource} sets {colour}\"\n    setting: demo\n");
            var ex = Assert.Throws<RulePackException>(() => RulePackLoader.Load(new[] { ("demo.yaml", yaml) }));
            Assert.That(ex!.Message, Does.StartWith("demo.yaml(12,14): rule CL3998: unknown message placeholder {colour}"));
            Assert.That(ex.Message, Does.Contain("{value}, {canonical}, {form}, {setting}, {resource}, {type}"));
        }

        [Test]
        public void AYamlRuleWithAMalformedTemplateIsALoadErrorAtItsMessage()
        {
            var yaml = Pack.Replace("    setting: demo\n", "    message: \"{resource sets it\"\n    setting: demo\n");
            var ex = Assert.Throws<RulePackException>(() => RulePackLoader.Load(new[] { ("demo.yaml", yaml) }));
            Assert.That(ex!.Message, Does.StartWith("demo.yaml(12,14): rule CL3998: message template: '{' at offset 0"));
        }

        [Test]
        public void AYamlRuleWithKnownPlaceholdersLoadsAndRendersThem()
        {
            var yaml = Pack.Replace("    setting: demo\n", "    message: \"{resource} ({type}) sets {setting}: {form} is '{value}' ({canonical})\"\n    setting: demo\n");
            var loaded = RulePackLoader.Load(new[] { ("demo.yaml", yaml) });
            var real = IntunePack.Create();
            var engine = new LintEngine(new RulePack(real.Typer, real.Extractors, loaded, Array.Empty<ResourceRule>(), Array.Empty<TenantRule>()));
            var findings = engine.StartRun().LintText("a.json", "{\"@odata.type\":\"#microsoft.graph.demoType\",\"displayName\":\"D\",\"demoValue\":true}").Findings;
            Assert.That(findings.Select(f => (f.RuleId, f.Message)), Is.EqualTo(new[] { ("CL3998", "'D' (demoType) sets demo: property 'demoValue' is 'true' (true)") }));
        }

        [Test]
        public void PackWordingWithAnUnknownPlaceholderIsALoadError()
        {
            var wording = new InputWording { NotObjectMany = "{count} elements are {colour}" };
            var real = IntunePack.Create();
            var ex = Assert.Throws<InvalidOperationException>(() => new RulePack(new WordingTyper(real.Typer, wording), real.Extractors, new LoadedPack(), Array.Empty<ResourceRule>(), Array.Empty<TenantRule>()));
            Assert.That(ex!.Message, Is.EqualTo("input wording NotObjectMany: unknown placeholder {colour}; expected one of {count}, {kind}"));
        }

        [Test]
        public void EveryPackMessageParsesAndEveryYamlRuleUsesKnownPlaceholders()
        {
            var pack = IntunePack.Create();
            foreach (var rule in pack.DeclarativeRules)
            {
                // Besides the occurrence's placeholders, a message may name a declared rule option (the threshold in force).
                Assert.That(rule.Descriptor.Message.UnknownPlaceholders(DeclarativeRule.MessagePlaceholders.Concat(pack.Options.Select(o => o.Name))), Is.Empty, rule.Descriptor.Id);
            }
            Assert.That(pack.Descriptors.Where(d => d.HelpUri.Length == 0).Select(d => d.Id), Is.Empty, "every rule of the pack has a help link");
        }

        /// <summary>The Intune typer with other wording.</summary>
        private sealed class WordingTyper : IResourceTyper
        {
            private readonly IResourceTyper _inner;

            public WordingTyper(IResourceTyper inner, InputWording wording)
            {
                _inner = inner;
                Wording = wording;
            }

            public InputWording Wording { get; }
            public DocumentRole ClassifyDocument(ConfigLint.Core.Json.JsonDocument document) => _inner.ClassifyDocument(document);
            public bool AllowsEmpty(string path) => _inner.AllowsEmpty(path);
            public DocumentSplit Split(ConfigLint.Core.Json.JsonDocument document) => _inner.Split(document);
            public System.Collections.Generic.IReadOnlyList<string> NameProperties(string? type) => _inner.NameProperties(type);
            public (string Type, TypeEvidence Evidence)? InferType(ResourceCandidate candidate) => _inner.InferType(candidate);
            public string TenantScope(string path) => _inner.TenantScope(path);
        }
    }
}
