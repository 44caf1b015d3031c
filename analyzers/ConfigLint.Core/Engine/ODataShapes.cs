using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Json;

namespace ConfigLint.Core.Engine
{
    /// <summary>Generic OData response shapes: single entities, <c>value[]</c> pages, plain arrays.</summary>
    public static class ODataShapes
    {
        /// <summary>Splits a document into candidate resources; a non-object, non-array root is a shape problem.</summary>
        public static List<ResourceCandidate> Split(JsonDocument document, out string? problem) =>
            Split(document, out problem, out _, out _);

        /// <summary>
        /// As <see cref="Split(JsonDocument, out string?)"/>, also giving the root's entity set (set even for an empty
        /// page) and the list elements that are not objects (null, numbers, strings, nested lists), which hold no resource.
        /// </summary>
        public static List<ResourceCandidate> Split(JsonDocument document, out string? problem, out string? rootEntitySet, out IReadOnlyList<JsonNode> notObjects)
        {
            problem = null;
            rootEntitySet = null;
            var skipped = new List<JsonNode>();
            notObjects = skipped;
            var result = new List<ResourceCandidate>();
            switch (document.Root)
            {
                case JsonObject obj:
                {
                    string? entitySet = rootEntitySet = EntitySetFromContext(obj.GetString("@odata.context"));
                    var value = obj["value"];
                    bool onlyODataBeside = obj.Properties.All(p => p.Name == "value" || p.Name.StartsWith("@odata.", StringComparison.Ordinal));
                    if (value is JsonArray page && onlyODataBeside)
                    {
                        // A Graph collection page: each element is its own resource with its own positions.
                        AddItems(document, page, entitySet, result, skipped);
                    }
                    else if (value is JsonObject wrapped && onlyODataBeside)
                    {
                        // Intune's Graph docs show single GETs as {"value": {...}}; people copy those samples.
                        result.Add(new ResourceCandidate(document, wrapped, entitySet, inCollection: false));
                    }
                    else
                    {
                        result.Add(new ResourceCandidate(document, obj, entitySet, inCollection: false));
                    }
                    break;
                }
                case JsonArray array:
                    AddItems(document, array, null, result, skipped);
                    break;
                default:
                    problem = $"the file holds a single {document.Root.Kind.ToString().ToLowerInvariant()} value, not a Graph object or list; not checked";
                    break;
            }
            return result;
        }

        private static void AddItems(JsonDocument document, JsonArray list, string? entitySet, List<ResourceCandidate> result, List<JsonNode> skipped)
        {
            foreach (var item in list.Items)
            {
                if (item is JsonObject obj) result.Add(new ResourceCandidate(document, obj, entitySet, inCollection: true));
                else skipped.Add(item);
            }
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
