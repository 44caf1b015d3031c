using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;

namespace ConfigLint.Core.Engine
{
    /// <summary>Everything a domain brings to the engine: typing, setting extractors and rules.</summary>
    public sealed class RulePack
    {
        public RulePack(
            IResourceTyper typer,
            IEnumerable<ISettingExtractor> extractors,
            LoadedPack declarative,
            IEnumerable<ResourceRule> resourceRules,
            IEnumerable<TenantRule> tenantRules,
            DocumentShape? shape = null)
        {
            Shape = shape ?? DocumentShape.Plain;
            Typer = typer;
            Diagnostics = new EngineDiagnostics(typer.Wording);
            Extractors = extractors.ToList();
            Settings = declarative.Settings;
            DeclarativeRules = declarative.Rules;
            Options = declarative.Options;
            ResourceRules = resourceRules.ToList();
            TenantRules = tenantRules.ToList();

            var all = new List<RuleDescriptor>(Diagnostics.All);
            all.AddRange(DeclarativeRules.Select(r => r.Descriptor));
            all.AddRange(ResourceRules.SelectMany(r => r.Descriptors));
            all.AddRange(TenantRules.SelectMany(r => r.Descriptors));
            var duplicate = all.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null) throw new InvalidOperationException($"rule id {duplicate.Key} is used by {string.Join(" and ", duplicate.Select(d => d.Name))}");
            Descriptors = all.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

            var byForm = new Dictionary<string, ISettingExtractor>(StringComparer.Ordinal);
            foreach (var extractor in Extractors)
            {
                if (extractor.Form == PropertyForm || byForm.ContainsKey(extractor.Form)) throw new InvalidOperationException($"two extractors provide form '{extractor.Form}'");
                byForm.Add(extractor.Form, extractor);
            }
            ExtractorsByForm = byForm;
            foreach (var rule in ResourceRules)
            {
                foreach (var name in rule.OptionNames)
                {
                    if (!Options.Any(o => o.Name == name)) throw new InvalidOperationException($"rule {rule.Descriptors[0].Id} reads option '{name}', which no pack declares under 'options:'");
                }
            }
            foreach (var setting in Settings)
            {
                foreach (var form in setting.Forms)
                {
                    if (form.Form != PropertyForm && !byForm.ContainsKey(form.Form))
                    {
                        throw new InvalidOperationException($"setting '{setting.Id}' uses form '{form.Form}', which no extractor provides (known: {string.Join(", ", new[] { PropertyForm }.Concat(byForm.Keys))})");
                    }
                }
            }
        }

        /// <summary>The built-in form: a (dotted) property path on the resource object itself.</summary>
        public const string PropertyForm = "property";

        public IResourceTyper Typer { get; }

        /// <summary>How the pack's documents are shaped while they are read (ignored keys, documents inside strings).</summary>
        public DocumentShape Shape { get; }
        public IReadOnlyList<ISettingExtractor> Extractors { get; }

        /// <summary>The extractors by the form they read.</summary>
        public IReadOnlyDictionary<string, ISettingExtractor> ExtractorsByForm { get; }

        /// <summary>The engine's own diagnostics, in the pack's wording.</summary>
        public EngineDiagnostics Diagnostics { get; }
        public IReadOnlyList<SettingDefinition> Settings { get; }
        public IReadOnlyList<DeclarativeRule> DeclarativeRules { get; }

        /// <summary>The rule options the packs declare (thresholds that are a policy choice), with their defaults.</summary>
        public IReadOnlyList<RuleOptionDeclaration> Options { get; }
        public IReadOnlyList<ResourceRule> ResourceRules { get; }
        public IReadOnlyList<TenantRule> TenantRules { get; }

        /// <summary>Every rule the pack can report, engine diagnostics included, ordered by ID.</summary>
        public IReadOnlyList<RuleDescriptor> Descriptors { get; }
    }
}
