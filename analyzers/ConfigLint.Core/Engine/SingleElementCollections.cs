using System.Collections.Generic;
using System.Runtime.CompilerServices;
using ConfigLint.Core.Json;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// Optional for a pack's <see cref="IResourceTyper"/>: which properties hold a collection in the domain's schema,
    /// so that an object written where a list belongs is read as a one-element list (see <see cref="SingleElementCollections"/>).
    /// </summary>
    public interface ICollectionShapes
    {
        /// <summary>True when <paramref name="property"/> holds a list; <paramref name="atRoot"/> is true on the document's root object.</summary>
        bool IsCollection(string property, bool atRoot);
    }

    /// <summary>
    /// Reads an object written where a list belongs as a one-element list. Serializers that unwrap one-element arrays
    /// (Windows PowerShell 5.1 <c>ConvertTo-Json</c> is the common one) write <c>"items": { … }</c> for <c>"items": [ { … } ]</c>;
    /// read as written, the object is not a list and whatever it holds goes unchecked. The wrapped object keeps its
    /// offsets, so findings inside it keep their exact positions. Only objects are wrapped: a scalar where a list of
    /// objects belongs is left alone for the rules to judge.
    /// </summary>
    public static class SingleElementCollections
    {
        // Far beyond any real export; a deeper tree is left as it is rather than risk the stack.
        private const int MaxDepth = 256;

        /// <summary>The document with such objects wrapped, or the same document when there are none.</summary>
        /// <param name="document">The parsed document.</param>
        /// <param name="shapes">The pack's list properties.</param>
        /// <param name="first">The first wrapped property, for the note; null when nothing was wrapped.</param>
        /// <param name="count">How many properties were wrapped.</param>
        public static JsonDocument Normalize(JsonDocument document, ICollectionShapes shapes, out JsonProperty? first, out int count)
        {
            JsonProperty? firstWrapped = null;
            int wrapped = 0;
            var root = Rewrite(document.Root, shapes, atRoot: true, depth: 0, ref firstWrapped, ref wrapped);
            first = firstWrapped;
            count = wrapped;
            return ReferenceEquals(root, document.Root)
                ? document
                : document.WithRoot(root);
        }

        /// <summary>
        /// One element of a list read apart from its document (a page linted element by element), as <see cref="Normalize"/>
        /// would rewrite it in place; <paramref name="depth"/> is the element's depth in the document.
        /// </summary>
        internal static JsonNode NormalizeElement(JsonNode element, ICollectionShapes shapes, int depth, ref JsonProperty? first, ref int count) =>
            Rewrite(element, shapes, atRoot: false, depth, ref first, ref count);

        [MethodImpl(Hot.Loop)]
        private static JsonNode Rewrite(JsonNode node, ICollectionShapes shapes, bool atRoot, int depth, ref JsonProperty? first, ref int count)
        {
            if (depth > MaxDepth) return node;
            if (node is JsonArray array)
            {
                JsonNode[]? items = null;
                for (int i = 0; i < array.Items.Count; i++)
                {
                    var item = Rewrite(array.Items[i], shapes, false, depth + 1, ref first, ref count);
                    if (ReferenceEquals(item, array.Items[i])) continue;
                    items ??= Copy(array.Items);
                    items[i] = item;
                }
                return items == null ? array : new JsonArray(array.Start, array.End, items);
            }
            if (node is not JsonObject obj) return node;
            JsonProperty[]? properties = null;
            for (int i = 0; i < obj.Properties.Count; i++)
            {
                var property = obj.Properties[i];
                // Counted before the recursion, so the note names the first such property in document order.
                bool wrap = property.Value is JsonObject && shapes.IsCollection(property.Name, atRoot);
                if (wrap)
                {
                    first ??= property;
                    count++;
                }
                var value = Rewrite(property.Value, shapes, false, depth + 1, ref first, ref count);
                if (wrap) value = new JsonArray(value.Start, value.End, new[] { value });
                if (ReferenceEquals(value, property.Value)) continue;
                properties ??= Copy(obj.Properties);
                properties[i] = new JsonProperty(property.Name, property.NameStart, property.NameEnd, value);
            }
            return properties == null ? obj : new JsonObject(obj.Start, obj.End, properties);
        }

        private static T[] Copy<T>(IReadOnlyList<T> list)
        {
            var copy = new T[list.Count];
            for (int i = 0; i < copy.Length; i++) copy[i] = list[i];
            return copy;
        }
    }
}
