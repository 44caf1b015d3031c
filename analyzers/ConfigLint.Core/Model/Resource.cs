using ConfigLint.Core.Json;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Model
{
    /// <summary>How a resource's type was told, from the most to the least certain.</summary>
    public enum TypeEvidence
    {
        Unknown = 0,
        ODataType,
        ODataContext,
        Shape,
        FileLocation,
    }

    /// <summary>
    /// One configuration object: a single-object file, or one element of a Graph <c>value[]</c> page, with its
    /// type, id and display name. Locations of everything in it come from <see cref="Document"/>.
    /// </summary>
    public sealed class Resource
    {
        /// <summary>Graph's own naming: most resources have displayName, Settings Catalog policies have name.</summary>
        public static readonly System.Collections.Generic.IReadOnlyList<string> DefaultNameProperties = new[] { "displayName", "name" };

        private readonly JsonProperty? _nameProperty;

        /// <summary>A resource; <paramref name="nameProperties"/> name it, first present wins (the pack knows the exceptions).</summary>
        public Resource(JsonDocument document, JsonObject node, string? type, TypeEvidence evidence, string? entitySet, System.Collections.Generic.IReadOnlyList<string>? nameProperties = null)
        {
            Document = document;
            Node = node;
            Type = type;
            Evidence = evidence;
            EntitySet = entitySet;
            Id = node.GetString("id");
            foreach (var name in nameProperties ?? DefaultNameProperties)
            {
                _nameProperty = node.GetProperty(name);
                if (_nameProperty != null) break;
            }
            DisplayName = _nameProperty?.Value.ScalarText;
        }

        public JsonDocument Document { get; }
        public JsonObject Node { get; }

        /// <summary>Graph type name without namespace, e.g. <c>windows10GeneralConfiguration</c>; null when unknown.</summary>
        public string? Type { get; }

        public TypeEvidence Evidence { get; }

        /// <summary>The OData entity set from <c>@odata.context</c>, e.g. <c>deviceManagement/configurationPolicies</c>.</summary>
        public string? EntitySet { get; }

        public string? Id { get; }
        public string? DisplayName { get; }
        public string Path => Document.Path;

        private FindingSubject? _subject;

        /// <summary>The resource as findings name it (type, id, display name), shared by every finding about it.</summary>
        public FindingSubject Subject => _subject ??= new FindingSubject(Type, Id, DisplayName, null);

        /// <summary>Where resource-level findings point: the display name's key, else the object's opening brace.</summary>
        public SourceLocation AnchorLocation
        {
            get => (_nameProperty != null ? Document.GetNameLocation(_nameProperty) : Document.GetLocation(Node.Start, Node.Start + 1)).WithSubject(Subject);
        }

        /// <summary>The location of a node of this resource, about the setting at its JSON pointer.</summary>
        public SourceLocation GetLocation(JsonNode node) => Document.GetLocation(node).WithSubject(Subject.WithSetting(PointerTo(node)));

        /// <summary>The location of a node of this resource, about a setting the caller names (e.g. <c>form:key</c>).</summary>
        public SourceLocation GetLocation(JsonNode node, string setting) => Document.GetLocation(node).WithSubject(Subject.WithSetting(setting));

        /// <summary>The RFC 6901 pointer of <paramref name="target"/> inside this resource, or null when it is not in it.</summary>
        public string? PointerTo(JsonNode target)
        {
            if (ReferenceEquals(target, Node)) return string.Empty;
            var path = new System.Collections.Generic.List<string>();
            return Find(Node, target, path) ? "/" + string.Join("/", path) : null;
        }

        private static bool Find(JsonNode node, JsonNode target, System.Collections.Generic.List<string> path)
        {
            // Nodes are ordered by offset, so only the child whose range holds the target is searched.
            if (node is JsonObject obj)
            {
                foreach (var property in obj.Properties)
                {
                    var value = property.Value;
                    if (target.Start < value.Start || target.Start > value.End) continue;
                    path.Add(property.Name.Replace("~", "~0").Replace("/", "~1"));
                    if (ReferenceEquals(value, target) || Find(value, target, path)) return true;
                    path.RemoveAt(path.Count - 1);
                }
            }
            else if (node is JsonArray array)
            {
                for (int i = 0; i < array.Items.Count; i++)
                {
                    var item = array.Items[i];
                    if (target.Start < item.Start || target.Start > item.End) continue;
                    path.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (ReferenceEquals(item, target) || Find(item, target, path)) return true;
                    path.RemoveAt(path.Count - 1);
                }
            }
            return false;
        }

        private System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<Engine.SettingOccurrence>>? _occurrences;

        /// <summary>
        /// The extractor's occurrences in this resource, extracted once and shared by the engine and every rule
        /// (a resource lives only while its file is linted, so the cache goes with it).
        /// </summary>
        public System.Collections.Generic.IReadOnlyList<Engine.SettingOccurrence> Occurrences(Engine.ISettingExtractor extractor)
        {
            lock (this)
            {
                _occurrences ??= new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<Engine.SettingOccurrence>>(System.StringComparer.Ordinal);
                if (!_occurrences.TryGetValue(extractor.Form, out var list))
                {
                    list = System.Linq.Enumerable.ToList(extractor.Extract(this));
                    _occurrences[extractor.Form] = list;
                }
                return list;
            }
        }

        public string Describe() => DisplayName != null ? $"'{DisplayName}'" : (Type ?? "resource");
    }
}
