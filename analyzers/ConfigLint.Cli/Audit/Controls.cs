using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Rules;
using YamlDotNet.RepresentationModel;

namespace ConfigLint.Cli.Audit
{
    /// <summary>A DPIA risk or recommendation, or a security control, and the rules that check it (rules/packs/controls.yaml).</summary>
    public sealed class Control
    {
        public Control(string id, string kind, string title, IReadOnlyList<string> rules, string? notCheckable)
        {
            Id = id;
            Kind = kind;
            Title = title;
            Rules = rules;
            NotCheckable = notCheckable;
        }

        public string Id { get; }

        /// <summary>risk, recommendation, security or hygiene.</summary>
        public string Kind { get; }

        public string Title { get; }
        public IReadOnlyList<string> Rules { get; }

        /// <summary>Why (part of) the control cannot be judged from exported files; null when it can.</summary>
        public string? NotCheckable { get; }
    }

    /// <summary>Reads the control mapping embedded in the rules assembly.</summary>
    public static class ControlCatalog
    {
        public const string ResourceName = "ConfigLint.Rules.Controls.yaml";

        private static readonly string[] Kinds = { "risk", "recommendation", "security", "hygiene" };
        private static readonly Lazy<IReadOnlyList<Control>> Cached = new Lazy<IReadOnlyList<Control>>(() => Parse(ReadEmbedded(), "controls.yaml"));

        public static IReadOnlyList<Control> Load() => Cached.Value;

        public static string ReadEmbedded()
        {
            using var stream = typeof(IntunePack).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the rules assembly");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        /// <summary>Parses a controls file; a malformed one is a <see cref="FormatException"/> naming the file and line.</summary>
        public static IReadOnlyList<Control> Parse(string text, string name)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlDotNet.Core.YamlException ex)
            {
                throw new FormatException($"{name}({ex.Start.Line},{ex.Start.Column}): {ex.Message}");
            }
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
                || !root.Children.TryGetValue(new YamlScalarNode("controls"), out var list) || list is not YamlSequenceNode items)
            {
                throw new FormatException($"{name}: expected a mapping with a 'controls' list");
            }
            var controls = new List<Control>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (item is not YamlMappingNode map) throw new FormatException($"{name}({item.Start.Line},{item.Start.Column}): a control is a mapping");
                string Scalar(string key, bool required)
                {
                    if (map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)) return s.Value!;
                    if (required) throw new FormatException($"{name}({map.Start.Line},{map.Start.Column}): control without '{key}'");
                    return string.Empty;
                }
                string id = Scalar("id", true);
                if (!ids.Add(id)) throw new FormatException($"{name}({map.Start.Line},{map.Start.Column}): control '{id}' is declared twice");
                string kind = Scalar("kind", true);
                if (Array.IndexOf(Kinds, kind) < 0) throw new FormatException($"{name}({map.Start.Line},{map.Start.Column}): control '{id}' has kind '{kind}'; expected one of {string.Join(", ", Kinds)}");
                var rules = new List<string>();
                if (map.Children.TryGetValue(new YamlScalarNode("rules"), out var ruleNode))
                {
                    if (ruleNode is not YamlSequenceNode seq) throw new FormatException($"{name}({ruleNode.Start.Line},{ruleNode.Start.Column}): 'rules' is a list of rule IDs");
                    rules.AddRange(seq.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty));
                }
                string notCheckable = Scalar("notCheckable", false);
                controls.Add(new Control(id, kind, Scalar("title", true), rules, notCheckable.Length == 0 ? null : notCheckable));
            }
            return controls;
        }
    }
}
