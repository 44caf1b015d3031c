using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Security
{
    /// <summary>Reads a compliance policy's <c>scheduledActionsForRule[].scheduledActionConfigurations[]</c>.</summary>
    internal static class ComplianceActions
    {
        /// <summary>Device compliance policies of every platform, and Settings Catalog compliance policies.</summary>
        public static bool IsCompliancePolicy(Resource resource) =>
            resource.Type != null && resource.Type.EndsWith("CompliancePolicy", StringComparison.Ordinal);

        /// <summary>
        /// The action items, or null when the export has no actions at all. IntuneBackupAndRestore and plain GETs
        /// without <c>$expand=scheduledActionsForRule</c> omit them: absence is unknown, not "no block action".
        /// </summary>
        public static IReadOnlyList<JsonObject>? Actions(Resource resource, out JsonNode? container)
        {
            container = resource.Node["scheduledActionsForRule"];
            if (container is not JsonArray rules || rules.Items.Count == 0) return null;
            return rules.Items.OfType<JsonObject>()
                .Select(r => r["scheduledActionConfigurations"])
                .OfType<JsonArray>()
                .SelectMany(a => a.Items.OfType<JsonObject>())
                .ToList();
        }

        public static bool IsBlock(JsonObject action) =>
            string.Equals(action.GetString("actionType"), "block", StringComparison.OrdinalIgnoreCase);
    }
}
