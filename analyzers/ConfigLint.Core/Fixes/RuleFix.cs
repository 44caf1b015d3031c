using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;

namespace ConfigLint.Core.Fixes
{
    /// <summary>
    /// A rule's fix: the edits that make one finding go away. Declared as data (<c>fix:</c> on a YAML rule, see
    /// <see cref="SettingFix"/>) or written in C# for logic (subclass <see cref="RuleFix"/> in a pack). The engine
    /// offers a fix only after it re-linted the edited text (<see cref="FixEngine"/>).
    /// </summary>
    public interface IRuleFix
    {
        string RuleId { get; }

        /// <summary>What the fix does, for the code action title and the rule's doc page, e.g. "Set X to 1".</summary>
        string Title { get; }

        /// <summary>The edits for the finding in <paramref name="context"/>; null or empty when this finding has no fix.</summary>
        IReadOnlyList<TextEdit>? GetEdits(FixContext context);
    }

    /// <summary>Base class for a fix written in C#; packs discover concrete subclasses as they discover rules.</summary>
    public abstract class RuleFix : IRuleFix
    {
        public abstract string RuleId { get; }
        public abstract string Title { get; }
        public abstract IReadOnlyList<TextEdit>? GetEdits(FixContext context);
    }

    /// <summary>
    /// Rule options a fix may read (e.g. the minimum password length a tenant wants), so that the value it writes meets
    /// the threshold in force, not the default. A <see cref="FixEngine"/> reads its lint engine's options
    /// (<see cref="From"/>, the settings file's <c>options:</c>); <see cref="FromLookup"/> plugs in any other source.
    /// </summary>
    public sealed class RuleFixOptions
    {
        private readonly Func<string, string, string?>? _lookup;

        private RuleFixOptions(Func<string, string, string?>? lookup, RuleOptions? values = null)
        {
            _lookup = lookup;
            Values = values;
        }

        /// <summary>No configured options: every fix writes its rule's default value.</summary>
        public static RuleFixOptions Defaults { get; } = new RuleFixOptions(null);

        /// <summary>Options read through <paramref name="lookup"/>(ruleId, optionName), which returns null when unset.</summary>
        public static RuleFixOptions FromLookup(Func<string, string, string?> lookup) => new RuleFixOptions(lookup);

        /// <summary>The run's rule options: each option's canonical value (a level's value, a whole number).</summary>
        public static RuleFixOptions From(RuleOptions options) => new RuleFixOptions((_, name) => options.Get(name)?.Canonical, options);

        /// <summary>The rule options the conditions are read with while a fix looks for matches (null: defaults).</summary>
        public RuleOptions? Values { get; }

        /// <summary>The configured value of a rule option, or null to use the fix's default.</summary>
        public string? Get(string ruleId, string option) => _lookup?.Invoke(ruleId, option);
    }

    /// <summary>Everything a fix sees: the parsed document, its typed resources, the finding and the pack.</summary>
    public sealed class FixContext
    {
        public FixContext(JsonDocument document, IReadOnlyList<Resource> resources, Finding finding, RulePack pack, RuleFixOptions options)
        {
            Document = document;
            Resources = resources;
            Finding = finding;
            Pack = pack;
            Options = options;
        }

        public JsonDocument Document { get; }
        public IReadOnlyList<Resource> Resources { get; }
        public Finding Finding { get; }
        public RulePack Pack { get; }
        public RuleFixOptions Options { get; }

        /// <summary>Where the finding starts in the file (the offset every occurrence is matched against).</summary>
        public int FindingStart => Finding.Location?.StartOffset ?? -1;

        /// <summary>Splits and types the document's resources exactly as a lint run does (the pack's split and typing).</summary>
        public static IReadOnlyList<Resource> ReadResources(JsonDocument document, RulePack pack)
        {
            var typer = pack.Typer;
            if (document.IsContainer || typer.ClassifyDocument(document) == DocumentRole.Companion) return Array.Empty<Resource>();
            // As a lint run does: an object where the pack's schema has a list is a list of one (same offsets).
            if (typer is ICollectionShapes shapes) document = SingleElementCollections.Normalize(document, shapes, out _, out _);
            var split = typer.Split(document);
            if (split.Scalar != null) return Array.Empty<Resource>();
            var resources = new List<Resource>(split.Candidates.Count);
            foreach (var candidate in split.Candidates)
            {
                var typed = typer.InferType(candidate);
                if (typed == null) continue;
                var (type, evidence) = typed.Value;
                resources.Add(new Resource(document, candidate.Node, type, evidence, candidate.Collection, typer.NameProperties(type)));
            }
            return resources;
        }
    }

    /// <summary>
    /// Spells a value of a setting form (e.g. a choice option id built from the key) the way that form writes it in a file.
    /// The pack provides one per form that needs more than "the same JSON kind as the value already there".
    /// </summary>
    public interface IFormValueWriter
    {
        string Form { get; }

        /// <summary>The scalar to write over <paramref name="occurrence"/> so that its form value becomes <paramref name="formValue"/>; null if it cannot.</summary>
        ScalarValue? Write(SettingOccurrence occurrence, string formValue);
    }
}
