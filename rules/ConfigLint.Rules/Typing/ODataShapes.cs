using System;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;

namespace ConfigLint.Rules.Typing
{
    /// <summary>Graph's OData response shapes: single entities, <c>value[]</c> pages, <c>{"value":{…}}</c> wrappers, plain arrays.</summary>
    public static class ODataShapes
    {
        /// <summary>
        /// Splits a document into candidate resources, giving the root's entity set (from <c>@odata.context</c>, set even
        /// for an empty page) and the type that entity set holds, when <paramref name="typeOfEntitySet"/> knows it.
        /// </summary>
        public static DocumentSplit Split(JsonDocument document, Func<string, string?> typeOfEntitySet)
        {
            if (document.Root is not JsonObject obj) return DocumentSplit.Plain(document);
            string? entitySet = EntitySetFromContext(obj.GetString("@odata.context"));
            string? entitySetType = entitySet == null ? null : typeOfEntitySet(entitySet);
            var value = obj["value"];
            bool onlyODataBeside = obj.Properties.All(p => p.Name == "value" || p.Name.StartsWith("@odata.", StringComparison.Ordinal));
            if (value is JsonArray page && onlyODataBeside)
            {
                // A Graph collection page: each element is its own resource with its own positions.
                return DocumentSplit.Items(document, page, entitySet, entitySetType);
            }
            var single = value is JsonObject wrapped && onlyODataBeside
                // Intune's Graph docs show single GETs as {"value": {...}}; people copy those samples.
                ? wrapped
                : obj;
            return new DocumentSplit(new[] { new ResourceCandidate(document, single, entitySet, inCollection: false) }, new JsonNode[0], entitySet, entitySetType);
        }

        /// <summary>
        /// <c>https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies(settings())/$entity</c>
        /// becomes <c>deviceManagement/configurationPolicies</c>: key segments, expansions and <c>$entity</c> are dropped.
        /// </summary>
        public static string? EntitySetFromContext(string? context)
        {
            if (string.IsNullOrEmpty(context)) return null;
            int hash = context!.IndexOf('#');
            if (hash < 0) return null;
            var text = context.Substring(hash + 1);
            var sb = new System.Text.StringBuilder(text.Length);
            int depth = 0;
            foreach (char c in text)
            {
                if (c == '(') { depth++; continue; }
                if (c == ')') { depth--; continue; }
                if (depth == 0) sb.Append(c);
            }
            var segments = sb.ToString().Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries).Where(s => !s.StartsWith("$", StringComparison.Ordinal));
            var joined = string.Join("/", segments);
            return joined.Length == 0 ? null : joined;
        }

        /// <summary><c>#microsoft.graph.windows10GeneralConfiguration</c> becomes <c>windows10GeneralConfiguration</c>.</summary>
        public static string? TypeName(JsonNode? odataType) =>
            // Only a string names a type: `"@odata.type": 5` is as good as no type at all.
            odataType is JsonValue { Kind: JsonKind.String } value ? TypeName(value.Text) : null;

        public static string? TypeName(string? odataType)
        {
            if (string.IsNullOrWhiteSpace(odataType)) return null;
            var t = odataType!.Trim().TrimStart('#');
            int dot = t.LastIndexOf('.');
            return dot >= 0 ? t.Substring(dot + 1) : t;
        }
    }
}
