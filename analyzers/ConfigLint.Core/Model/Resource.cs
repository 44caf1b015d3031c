using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Model
{
    /// <summary>How a resource's type was told, from the most to the least certain.</summary>
    public enum TypeEvidence
    {
        Unknown = 0,

        /// <summary>The object names its own type.</summary>
        Declared,

        /// <summary>The collection the object was exported from holds one type.</summary>
        Collection,

        Shape,
        FileLocation,
    }

    /// <summary>
    /// One configuration object: a single-object file, or one element of an exported list, with its type, id and
    /// name. Locations of everything in it come from <see cref="Document"/>.
    /// </summary>
    public sealed class Resource
    {
        private readonly JsonProperty? _nameProperty;
        private Dictionary<string, IReadOnlyList<SettingOccurrence>>? _occurrences;
        private readonly object _occurrencesGate = new object();

        /// <summary>A resource; <paramref name="nameProperties"/> name it, first present wins (the pack knows which).</summary>
        public Resource(JsonDocument document, JsonObject node, string? type, TypeEvidence evidence, string? collection, IReadOnlyList<string> nameProperties)
        {
            Document = document;
            Node = node;
            Type = type;
            Evidence = evidence;
            Collection = collection;
            Id = node.GetString("id");
            foreach (var name in nameProperties)
            {
                _nameProperty = node.GetProperty(name);
                if (_nameProperty != null) break;
            }
            DisplayName = _nameProperty?.Value.ScalarText;
        }

        public JsonDocument Document { get; }
        public JsonObject Node { get; }

        /// <summary>The pack's type name, e.g. <c>windows10GeneralConfiguration</c>; null when unknown.</summary>
        public string? Type { get; }

        public TypeEvidence Evidence { get; }

        /// <summary>The collection the export says the object came from (see <see cref="ResourceCandidate.Collection"/>).</summary>
        public string? Collection { get; }

        public string? Id { get; }
        public string? DisplayName { get; }
        public string Path => Document.Path;

        private FindingSubject? _subject;

        /// <summary>The resource as findings name it (type, id, display name), shared by every finding about it.</summary>
        public FindingSubject Subject => _subject ??= new FindingSubject(Type, Id, DisplayName, null);

        /// <summary>Where resource-level findings point: the name's key, else the object's opening brace.</summary>
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
            var path = new List<string>();
            return Find(Node, target, path) ? "/" + string.Join("/", path) : null;
        }

        private static bool Find(JsonNode node, JsonNode target, List<string> path)
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

        /// <summary>
        /// The extractor's occurrences in this resource, extracted once and shared by the engine and every rule
        /// (a resource lives only while its file is linted, so the cache goes with it).
        /// </summary>
        public IReadOnlyList<SettingOccurrence> Occurrences(ISettingExtractor extractor)
        {
            // A private gate: the resource itself may carry a hash code in its object header (it keys tenant-rule
            // tables), which turns every lock on it into the monitor's slow path.
            lock (_occurrencesGate)
            {
                _occurrences ??= new Dictionary<string, IReadOnlyList<SettingOccurrence>>(StringComparer.Ordinal);
                if (!_occurrences.TryGetValue(extractor.Form, out var list))
                {
                    list = extractor.Extract(this).ToList();
                    _occurrences[extractor.Form] = list;
                }
                return list;
            }
        }

        public string Describe() => DisplayName != null ? $"'{DisplayName}'" : (Type ?? "resource");
    }
}
