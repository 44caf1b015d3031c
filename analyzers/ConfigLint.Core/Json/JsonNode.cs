using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace ConfigLint.Core.Json
{
    public enum JsonKind : byte
    {
        Object,
        Array,
        String,
        Number,
        Boolean,
        Null,
    }

    /// <summary>
    /// A node of the light JSON tree. It keeps only its character span in the parsed text; lines and columns are
    /// computed on demand from the document's line table, so loading allocates about one small object per value.
    /// </summary>
    public abstract class JsonNode
    {
        protected JsonNode(JsonKind kind, int start, int end)
        {
            Kind = kind;
            Start = start;
            End = end;
        }

        public JsonKind Kind { get; }

        /// <summary>Offset of the first character of the value in the parsed text.</summary>
        public int Start { get; internal set; }

        /// <summary>Offset just past the last character of the value in the parsed text.</summary>
        public int End { get; internal set; }

        public JsonObject? AsObject => this as JsonObject;
        public JsonArray? AsArray => this as JsonArray;

        /// <summary>The scalar's text: the unescaped string, the number as written, "true"/"false"; null otherwise.</summary>
        public virtual string? ScalarText => null;
    }

    public sealed class JsonProperty
    {
        internal JsonProperty(string name, int nameStart, int nameEnd, JsonNode value)
        {
            Name = name;
            NameStart = nameStart;
            NameEnd = nameEnd;
            Value = value;
        }

        public string Name { get; }
        public int NameStart { get; }
        public int NameEnd { get; }
        public JsonNode Value { get; }
    }

    public sealed class JsonObject : JsonNode
    {
        private static readonly JsonProperty[] NoProperties = new JsonProperty[0];

        private readonly JsonProperty[] _properties;

        internal JsonObject(int start, int end, JsonProperty[]? properties)
            : base(JsonKind.Object, start, end)
        {
            _properties = properties ?? NoProperties;
        }

        public IReadOnlyList<JsonProperty> Properties => _properties;

        /// <summary>Case-sensitive lookup first (keys are usually written in one case); falls back to a case-insensitive match.</summary>
        [MethodImpl(Hot.Loop)]
        public JsonProperty? GetProperty(string name)
        {
            // One pass: rules probe many optional properties, so a miss is common and must not cost two scans. Names are
            // interned by the reader, so an exact match is usually a reference comparison; the case-insensitive
            // comparison runs only on names of the same length.
            var props = _properties;
            JsonProperty? caseInsensitive = null;
            for (int i = 0; i < props.Length; i++)
            {
                var candidate = props[i].Name;
                if (ReferenceEquals(candidate, name)) return props[i];
                if (candidate.Length != name.Length) continue;
                if (string.Equals(candidate, name, StringComparison.Ordinal)) return props[i];
                if (caseInsensitive == null && string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) caseInsensitive = props[i];
            }
            return caseInsensitive;
        }

        public JsonNode? this[string name] => GetProperty(name)?.Value;

        /// <summary>The scalar text of a property, or null when it is absent, null or not a scalar.</summary>
        public string? GetString(string name) => this[name]?.ScalarText;
    }

    public sealed class JsonArray : JsonNode
    {
        private static readonly JsonNode[] NoItems = new JsonNode[0];

        /// <summary>An empty list at offset 0, standing for a file that holds nothing.</summary>
        public static JsonArray Empty => new JsonArray(0, 0, null);

        internal JsonArray(int start, int end, JsonNode[]? items)
            : base(JsonKind.Array, start, end)
        {
            Items = items ?? NoItems;
        }

        public IReadOnlyList<JsonNode> Items { get; }
    }

    public sealed class JsonValue : JsonNode
    {
        internal JsonValue(JsonKind kind, int start, int end, string? text)
            : base(kind, start, end)
        {
            Text = text;
        }

        public string? Text { get; }

        public override string? ScalarText => Text;
    }
}
