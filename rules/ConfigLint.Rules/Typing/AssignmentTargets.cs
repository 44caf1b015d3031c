using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Json;

namespace ConfigLint.Rules.Typing
{
    /// <summary>
    /// Who a policy is assigned to, as comparable tokens: <c>group:&lt;id or IntuneCD group name&gt;</c>,
    /// <c>allDevices</c>, <c>allUsers</c>, <c>collection:&lt;id&gt;</c>. Exclusions are not targets.
    /// </summary>
    public static class AssignmentTargets
    {
        /// <summary>Reads an assignments list, a single assignment object (PowerShell's one-item quirk) or a Graph page.</summary>
        public static IReadOnlyCollection<string> Read(JsonNode? assignments)
        {
            IEnumerable<JsonObject> items = assignments switch
            {
                JsonArray array => array.Items.OfType<JsonObject>(),
                JsonObject page when page["value"] is JsonArray value => value.Items.OfType<JsonObject>(),
                JsonObject single => new[] { single },
                _ => Enumerable.Empty<JsonObject>(),
            };
            var tokens = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var assignment in items)
            {
                var target = assignment["target"] as JsonObject ?? assignment;
                var type = target.GetString("@odata.type") ?? string.Empty;
                if (type.IndexOf("exclusion", StringComparison.OrdinalIgnoreCase) >= 0) continue;
                if (type.EndsWith("allDevicesAssignmentTarget", StringComparison.Ordinal)) tokens.Add("allDevices");
                else if (type.EndsWith("allLicensedUsersAssignmentTarget", StringComparison.Ordinal)) tokens.Add("allUsers");
                else if (target.GetString("collectionId") is string collection) tokens.Add("collection:" + collection.ToLowerInvariant());
                else if ((target.GetString("groupId") ?? target.GetString("groupName")) is string group) tokens.Add("group:" + group.ToLowerInvariant());
            }
            return tokens;
        }
    }
}
