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
        public static List<ResourceCandidate> Split(JsonDocument document, out string? problem)
        {
            problem = null;
            var result = new List<ResourceCandidate>();
            switch (document.Root)
            {
                case JsonObject obj:
                {
                    string? entitySet = EntitySetFromContext(obj.GetString("@odata.context"));
                    var value = obj["value"];
                    bool onlyODataBeside = obj.Properties.All(p => p.Name == "value" || p.Name.StartsWith("@odata.", StringComparison.Ordinal));
                    if (value is JsonArray page && onlyODataBeside)
                    {
                        // A Graph collection page: each element is its own resource with its own positions.
                        foreach (var item in page.Items.OfType<JsonObject>()) result.Add(new ResourceCandidate(document, item, entitySet, inCollection: true));
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
                    foreach (var item in array.Items.OfType<JsonObject>()) result.Add(new ResourceCandidate(document, item, null, inCollection: true));
                    break;
                default:
                    problem = $"the file holds a single {document.Root.Kind.ToString().ToLowerInvariant()} value, not a Graph object or list; not checked";
                    break;
            }
            return result;
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
        public static string? TypeName(string? odataType)
        {
            if (string.IsNullOrWhiteSpace(odataType)) return null;
            var t = odataType!.Trim().TrimStart('#');
            int dot = t.LastIndexOf('.');
            return dot >= 0 ? t.Substring(dot + 1) : t;
        }
    }
}
