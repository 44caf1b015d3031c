using System.Collections.Generic;
using ConfigLint.Core.Json;

namespace ConfigLint.Core.Engine
{
    /// <summary>A parsed document cut into the objects that may be resources, as the pack's <see cref="IResourceTyper.Split"/> cuts it.</summary>
    public sealed class DocumentSplit
    {
        public DocumentSplit(IReadOnlyList<ResourceCandidate> candidates, IReadOnlyList<JsonNode> notObjects, string? collection = null, string? collectionType = null)
        {
            Candidates = candidates;
            NotObjects = notObjects;
            Collection = collection;
            CollectionType = collectionType;
        }

        private DocumentSplit(JsonNode scalar)
            : this(new ResourceCandidate[0], new JsonNode[0])
        {
            Scalar = scalar;
        }

        public IReadOnlyList<ResourceCandidate> Candidates { get; }

        /// <summary>List elements that are not objects (null, numbers, strings, nested lists): they hold no resource.</summary>
        public IReadOnlyList<JsonNode> NotObjects { get; }

        /// <summary>The collection the document says it holds (set even for an empty list), if any.</summary>
        public string? Collection { get; }

        /// <summary>The type that collection holds, when the pack knows it.</summary>
        public string? CollectionType { get; }

        /// <summary>The root, when it is a single scalar value: nothing in the file can be a resource.</summary>
        public JsonNode? Scalar { get; }

        /// <summary>
        /// The split of a plain document: a root object is one candidate, a root array holds one candidate per object
        /// element, and a scalar root holds none.
        /// </summary>
        public static DocumentSplit Plain(JsonDocument document, string? collection = null, string? collectionType = null)
        {
            switch (document.Root)
            {
                case JsonObject obj:
                    return new DocumentSplit(new[] { new ResourceCandidate(document, obj, collection, inCollection: false) }, new JsonNode[0], collection, collectionType);
                case JsonArray array:
                    return Items(document, array, collection, collectionType);
                default:
                    return new DocumentSplit(document.Root);
            }
        }

        /// <summary>One candidate per object element of <paramref name="list"/>; the other elements are <see cref="NotObjects"/>.</summary>
        public static DocumentSplit Items(JsonDocument document, JsonArray list, string? collection = null, string? collectionType = null)
        {
            var candidates = new List<ResourceCandidate>(list.Items.Count);
            var skipped = new List<JsonNode>();
            foreach (var item in list.Items)
            {
                if (item is JsonObject obj) candidates.Add(new ResourceCandidate(document, obj, collection, inCollection: true));
                else skipped.Add(item);
            }
            return new DocumentSplit(candidates, skipped, collection, collectionType);
        }
    }
}
