using System.Collections.Generic;
using ConfigLint.Core.Json;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// Dotted property paths for the built-in property form: <c>iosRestriction.personalDeviceEnrollmentBlocked</c>;
    /// a segment ending in <c>[]</c> fans out over an array, e.g. <c>scheduledActionsForRule[].ruleName</c>.
    /// </summary>
    public static class PropertyPath
    {
        public static IEnumerable<JsonNode> Select(JsonNode root, string path)
        {
            var current = new List<JsonNode> { root };
            foreach (var rawSegment in path.Split('.'))
            {
                bool fanOut = rawSegment.EndsWith("[]");
                string segment = fanOut ? rawSegment.Substring(0, rawSegment.Length - 2) : rawSegment;
                var next = new List<JsonNode>();
                foreach (var node in current)
                {
                    if (node is not JsonObject obj) continue;
                    var value = obj[segment];
                    if (value == null) continue;
                    if (fanOut)
                    {
                        if (value is JsonArray array) next.AddRange(array.Items);
                    }
                    else
                    {
                        next.Add(value);
                    }
                }
                if (next.Count == 0) return next;
                current = next;
            }
            return current;
        }
    }
}
