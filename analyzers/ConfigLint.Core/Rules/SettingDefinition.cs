using System;
using System.Collections.Generic;

namespace ConfigLint.Core.Rules
{
    /// <summary>
    /// A logical setting ("Windows diagnostic data level") and every form in which an export can write it. Rules
    /// test the canonical value, so one rule catches the risk whichever form was used.
    /// </summary>
    public sealed class SettingDefinition
    {
        public SettingDefinition(string id, string title)
        {
            Id = id;
            Title = title;
        }

        public string Id { get; }
        public string Title { get; }
        public List<FormDefinition> Forms { get; } = new List<FormDefinition>();

        public override string ToString() => Id;
    }

    /// <summary>One form of a logical setting: a form name, a key in it, the resource types and a value map.</summary>
    public sealed class FormDefinition
    {
        public FormDefinition(SettingDefinition setting, string form, string key, IReadOnlyCollection<string>? types, IReadOnlyDictionary<string, string>? map)
        {
            Setting = setting;
            Form = form;
            Key = key;
            Types = types == null || types.Count == 0 ? null : new HashSet<string>(types, StringComparer.OrdinalIgnoreCase);
            if (map != null)
            {
                var m = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var kv in map) m[kv.Key] = kv.Value;
                Map = m;
            }
        }

        public SettingDefinition Setting { get; }
        public string Form { get; }
        public string Key { get; }
        public HashSet<string>? Types { get; }
        public IReadOnlyDictionary<string, string>? Map { get; }

        public bool AppliesTo(string? type) => Types == null || (type != null && Types.Contains(type));

        /// <summary>Maps a value of this form to the setting's canonical vocabulary; unknown values pass through.</summary>
        public string? Canonicalize(string? value)
        {
            if (value == null || Map == null) return value;
            return Map.TryGetValue(value, out var canonical) ? canonical : value;
        }
    }
}
