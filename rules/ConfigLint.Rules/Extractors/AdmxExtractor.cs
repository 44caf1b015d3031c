using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Extractors
{
    /// <summary>
    /// ADMX-backed Administrative Templates (<c>groupPolicyConfiguration.definitionValues[]</c>, exported with
    /// <c>$expand=definition</c>). The key is the definition's display name, e.g. "Allow Diagnostic Data"; the value is
    /// the first presentation value (a dropdown's item), or <c>enabled</c>/<c>disabled</c> when there is none.
    /// </summary>
    /// <remarks>
    /// IntuneBackupAndRestore writes each definition value with only <c>definition@odata.bind</c> (a GUID): those carry
    /// no name, so they are skipped here and <see cref="Typing.AdmxUnnamedRule"/> says they could not be checked.
    /// </remarks>
    public sealed class AdmxExtractor : ISettingExtractor
    {
        public const string FormName = "admx";

        public string Form => FormName;

        public string Describe(string key) => $"Administrative Template setting '{key}'";

        public string NormalizeKey(string key) => key.Trim().ToLowerInvariant();

        public IEnumerable<SettingOccurrence> Extract(Resource resource)
        {
            foreach (var value in DefinitionValues(resource.Node))
            {
                if (value["definition"] is not JsonObject definition) continue;
                var name = definition.GetString("displayName");
                if (string.IsNullOrWhiteSpace(name)) continue;
                var enabled = value["enabled"];
                bool isEnabled = enabled?.ScalarText == "true";
                var presentation = (value["presentationValues"] as JsonArray)?.Items.OfType<JsonObject>().FirstOrDefault(p => p["value"] != null);
                if (isEnabled && presentation != null)
                {
                    var node = presentation["value"]!;
                    yield return new SettingOccurrence(resource, FormName, NormalizeKey(name!), node.ScalarText, node.ScalarText, node, keyAsWritten: name);
                }
                else
                {
                    var node = (JsonNode?)enabled ?? value;
                    string state = isEnabled ? "enabled" : "disabled";
                    yield return new SettingOccurrence(resource, FormName, NormalizeKey(name!), state, enabled?.ScalarText ?? state, node, keyAsWritten: name);
                }
            }
        }

        /// <summary>The definition values of a configuration, or the resource itself when it is one.</summary>
        public static IEnumerable<JsonObject> DefinitionValues(JsonObject node)
        {
            if (node["definitionValues"] is JsonArray values) return values.Items.OfType<JsonObject>();
            if (node["enabled"] != null && (node["definition"] != null || node["definition@odata.bind"] != null)) return new[] { node };
            return Enumerable.Empty<JsonObject>();
        }
    }
}
