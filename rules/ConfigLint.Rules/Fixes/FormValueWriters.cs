using System;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Fixes;
using ConfigLint.Core.Json;
using ConfigLint.Rules.Extractors;

namespace ConfigLint.Rules.Fixes
{
    /// <summary>
    /// Settings Catalog: a choice value is the option id <c>{settingDefinitionId}_{option}</c>, so the option is
    /// swapped behind the id as the file spells it (<c>..._allowtelemetry_3</c> becomes <c>..._allowtelemetry_1</c>);
    /// a simple setting (integer or string) keeps its JSON kind.
    /// </summary>
    public sealed class SettingsCatalogValueWriter : IFormValueWriter
    {
        public string Form => SettingsCatalogExtractor.FormName;

        public ScalarValue? Write(SettingOccurrence occurrence, string formValue)
        {
            string? raw = occurrence.Raw;
            string? option = occurrence.Value;
            if (raw != null && option != null && raw.Length > option.Length + 1 && raw.EndsWith(option, StringComparison.Ordinal) && raw[raw.Length - option.Length - 1] == '_')
            {
                return ScalarValue.String(raw.Substring(0, raw.Length - option.Length) + formValue);
            }
            // A string that is not an option id and not a number could be a choice written some other way: not ours to guess.
            if (occurrence.ValueNode.Kind == JsonKind.String && !Core.Rules.ValueCondition.TryNumber(raw, out _)) return null;
            return ScalarValue.LikeExisting(occurrence.ValueNode, formValue);
        }
    }

    /// <summary>
    /// Administrative Templates: a dropdown's presentation value keeps its kind (Graph writes <c>"value": "3"</c>);
    /// a setting read from its <c>enabled</c> flag can only become enabled or disabled.
    /// </summary>
    public sealed class AdmxValueWriter : IFormValueWriter
    {
        public string Form => AdmxExtractor.FormName;

        public ScalarValue? Write(SettingOccurrence occurrence, string formValue)
        {
            bool isState = occurrence.Value == "enabled" || occurrence.Value == "disabled";
            if (!isState) return ScalarValue.LikeExisting(occurrence.ValueNode, formValue);
            if (occurrence.ValueNode.Kind != JsonKind.Boolean) return null;
            if (string.Equals(formValue, "enabled", StringComparison.OrdinalIgnoreCase)) return new ScalarValue(JsonKind.Boolean, "true");
            if (string.Equals(formValue, "disabled", StringComparison.OrdinalIgnoreCase)) return new ScalarValue(JsonKind.Boolean, "false");
            return null;
        }
    }
}
