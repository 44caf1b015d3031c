using System;
using ConfigLint.Core.Json;
using ConfigLint.Core.Rules;

namespace ConfigLint.Core.Fixes
{
    /// <summary>A value a fix writes: its JSON kind and its text (unescaped for strings).</summary>
    public sealed class ScalarValue
    {
        public ScalarValue(JsonKind kind, string text)
        {
            if (kind == JsonKind.Object || kind == JsonKind.Array) throw new ArgumentException("a fix writes scalars only", nameof(kind));
            Kind = kind;
            Text = text;
        }

        public JsonKind Kind { get; }
        public string Text { get; }

        public static ScalarValue String(string text) => new ScalarValue(JsonKind.String, text);

        /// <summary>The kind a value has on its own: true/false are booleans, numbers are numbers, the rest strings.</summary>
        public static ScalarValue Infer(string text)
        {
            if (text == "true" || text == "false") return new ScalarValue(JsonKind.Boolean, text);
            if (ValueCondition.TryNumber(text, out _) && text.Trim() == text && !text.StartsWith("+", StringComparison.Ordinal)) return new ScalarValue(JsonKind.Number, text);
            return String(text);
        }

        /// <summary>
        /// The value spelled in the kind the file already uses at that place, so a fix never turns a string into a
        /// number or a boolean into a string; null when the value cannot be written as that kind.
        /// </summary>
        public static ScalarValue? LikeExisting(JsonNode existing, string text)
        {
            switch (existing.Kind)
            {
                case JsonKind.String:
                    return String(text);
                case JsonKind.Number:
                    return ValueCondition.TryNumber(text, out _) ? new ScalarValue(JsonKind.Number, text) : null;
                case JsonKind.Boolean:
                    if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return new ScalarValue(JsonKind.Boolean, "true");
                    if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return new ScalarValue(JsonKind.Boolean, "false");
                    return null;
                case JsonKind.Null:
                    return Infer(text);
                default:
                    return null;
            }
        }

        public override string ToString() => Kind == JsonKind.String ? "'" + Text + "'" : Text;
    }
}
