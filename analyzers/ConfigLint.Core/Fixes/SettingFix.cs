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
    /// A fix declared as data on a YAML rule: "set the setting to this canonical value". The value is mapped back
    /// through the form's value map to the form's own spelling (an enum name, a choice option id, an integer...,
    /// with the pack's <see cref="IFormValueWriter"/>s) and written over the value the finding points at. When the rule fires because a property
    /// is missing, the property is added to the resource instead.
    /// </summary>
    public sealed class SettingFix : IRuleFix
    {
        private readonly DeclarativeRule _rule;
        private readonly FixSpec _spec;
        private readonly IReadOnlyList<(SettingDefinition Setting, string Value)> _targets;
        private readonly IReadOnlyDictionary<string, IFormValueWriter> _writers;

        public SettingFix(DeclarativeRule rule, FixSpec spec, IReadOnlyList<(SettingDefinition Setting, string Value)> targets, IReadOnlyDictionary<string, IFormValueWriter> writers)
        {
            _rule = rule;
            _spec = spec;
            _targets = targets;
            _writers = writers;
            Title = spec.Title ?? string.Join("; ", targets.Select(t => $"Set {t.Setting.Title} to {Describe(t.Setting, t.Value)}"));
        }

        public string RuleId => _rule.Descriptor.Id;
        public string Title { get; }
        public FixSpec Spec => _spec;
        public IReadOnlyList<(SettingDefinition Setting, string Value)> Targets => _targets;

        private string Describe(SettingDefinition setting, string value)
        {
            var overrides = _spec.ByType.Count == 0 ? string.Empty : " (" + string.Join(", ", _spec.ByType.Select(kv => $"{kv.Value} on {kv.Key}")) + ")";
            return value + overrides;
        }

        public IReadOnlyList<TextEdit>? GetEdits(FixContext context)
        {
            int start = context.FindingStart;
            if (start < 0) return null;
            foreach (var resource in context.Resources)
            {
                foreach (var (setting, value) in _targets)
                {
                    string canonical = ValueFor(context, resource, setting, value);
                    foreach (var form in setting.Forms)
                    {
                        if (!form.AppliesTo(resource.Type)) continue;
                        foreach (var occurrence in Occurrences(context.Pack, resource, form))
                        {
                            if (occurrence.Location.StartOffset != start) continue;
                            var edit = Replace(context.Document, form, occurrence, canonical);
                            if (edit == null) return null;
                            if (_rule.Combination != LeafCombination.AnyOf) return new[] { edit };
                            // An anyOf finding stands for the resource and names only its first match; fixing that
                            // one alone would surface the next, so every matching setting of the resource is fixed.
                            return AlsoMatching(context, resource, edit);
                        }
                    }
                }
            }

            // The rule fired on an absent property: add it to the resource the finding is anchored on.
            bool onMissing = _rule.Leaves.Any(l => l.When.Presence == PresenceTest.Missing && _targets.Any(t => t.Setting == l.Setting));
            if (!onMissing) return null;
            foreach (var resource in context.Resources)
            {
                if (resource.AnchorLocation.StartOffset != start) continue;
                foreach (var (setting, value) in _targets)
                {
                    var form = setting.Forms.FirstOrDefault(f => f.Form == RulePack.PropertyForm && f.AppliesTo(resource.Type) && f.Key.IndexOfAny(new[] { '.', '[' }) < 0);
                    if (form == null || PropertyPath.Select(resource.Node, form.Key).Any()) continue;
                    var formValue = ToFormValue(form, ValueFor(context, resource, setting, value));
                    if (formValue == null) return null;
                    var edit = DocumentEdits.InsertProperty(context.Document, resource.Node, form.Key, ScalarValue.Infer(formValue));
                    return edit == null ? null : new[] { edit };
                }
            }
            return null;
        }

        private IReadOnlyList<TextEdit>? AlsoMatching(FixContext context, Resource resource, TextEdit first)
        {
            var edits = new List<TextEdit> { first };
            foreach (var leaf in _rule.Leaves)
            {
                var target = _targets.FirstOrDefault(t => t.Setting == leaf.Setting);
                if (target.Setting == null || leaf.When.Presence != PresenceTest.Value) continue;
                string canonical = ValueFor(context, resource, target.Setting, target.Value);
                foreach (var form in leaf.Setting.Forms)
                {
                    if (!form.AppliesTo(resource.Type)) continue;
                    foreach (var occurrence in Occurrences(context.Pack, resource, form))
                    {
                        if (!leaf.When.Matches(form.Canonicalize(occurrence.Value), occurrence, context.Options.Values)) continue;
                        var edit = Replace(context.Document, form, occurrence, canonical);
                        if (edit == null) return null;
                        if (!edits.Any(e => e.Overlaps(edit))) edits.Add(edit);
                    }
                }
            }
            return edits;
        }

        private TextEdit? Replace(JsonDocument document, FormDefinition form, SettingOccurrence occurrence, string canonical)
        {
            var formValue = ToFormValue(form, canonical);
            if (formValue == null) return null;
            var scalar = _writers.TryGetValue(form.Form, out var writer)
                ? writer.Write(occurrence, formValue)
                : ScalarValue.LikeExisting(occurrence.ValueNode, formValue);
            return scalar == null ? null : DocumentEdits.ReplaceScalar(document, occurrence.ValueNode, scalar);
        }

        /// <summary>The canonical value for this resource: a per-type override, else a configured rule option, else the default.</summary>
        private string ValueFor(FixContext context, Resource resource, SettingDefinition setting, string value)
        {
            if (resource.Type != null && _spec.ByType.TryGetValue(resource.Type, out var typed)) return typed;
            return Configured(context.Options, setting, value);
        }

        /// <summary>The value the rule option in force chooses for <paramref name="setting"/>, else <paramref name="value"/>, the default.</summary>
        private string Configured(RuleFixOptions options, SettingDefinition setting, string value)
        {
            if (_spec.PerSettingOptions.TryGetValue(setting.Id, out var scaled))
            {
                var configured = options.Get(RuleId, scaled.Option);
                if (!string.IsNullOrWhiteSpace(configured) && ValueCondition.TryNumber(configured, out var number))
                {
                    return (number * scaled.Times).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return value;
            }
            if (_spec.Option != null)
            {
                var configured = options.Get(RuleId, _spec.Option);
                if (!string.IsNullOrWhiteSpace(configured)) return configured!.Trim();
            }
            return value;
        }

        /// <summary>The title with the values the options in force choose (the same as <see cref="Title"/> at the defaults).</summary>
        public string TitleFor(RuleFixOptions options) =>
            _spec.Title ?? string.Join("; ", _targets.Select(t => $"Set {t.Setting.Title} to {Describe(t.Setting, Configured(options, t.Setting, t.Value))}"));

        /// <summary>
        /// A canonical value in a form's vocabulary: the form value its map sends to it, else the value itself unless the
        /// map gives that spelling another meaning (then the form cannot say it, and there is no fix).
        /// </summary>
        public static string? ToFormValue(FormDefinition form, string canonical)
        {
            if (form.Map == null) return canonical;
            foreach (var kv in form.Map)
            {
                if (ValueCondition.ValueEquals(kv.Value, canonical)) return kv.Key;
            }
            return form.Map.ContainsKey(canonical) ? null : canonical;
        }

        /// <summary>The occurrences of one form in a resource, as the lint run collects them.</summary>
        public static IEnumerable<SettingOccurrence> Occurrences(RulePack pack, Resource resource, FormDefinition form)
        {
            if (form.Form == RulePack.PropertyForm)
            {
                foreach (var node in PropertyPath.Select(resource.Node, form.Key))
                {
                    if (node.Kind == JsonKind.Object || node.Kind == JsonKind.Array) continue;
                    yield return new SettingOccurrence(resource, RulePack.PropertyForm, form.Key, node.ScalarText, node.ScalarText, node);
                }
                yield break;
            }
            var extractor = pack.Extractors.FirstOrDefault(e => e.Form == form.Form);
            if (extractor == null) yield break;
            string key = extractor.NormalizeKey(form.Key);
            foreach (var occurrence in resource.Occurrences(extractor))
            {
                if (occurrence.Key == key) yield return occurrence;
            }
        }
    }
}
