using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Extractors
{
    /// <summary>
    /// Custom OMA-URI settings (<c>windows10CustomConfiguration.omaSettings[]</c> and the other custom profiles):
    /// each <c>omaUri</c> with its <c>value</c>.
    /// </summary>
    public sealed class OmaUriExtractor : ISettingExtractor
    {
        public const string FormName = "omaUri";

        public string Form => FormName;

        public string Describe(string key) => $"OMA-URI '{key}'";

        /// <summary>
        /// Lower-cases the URI and writes the device scope in full: the Policy CSP accepts both
        /// <c>./Vendor/MSFT/...</c> and <c>./Device/Vendor/MSFT/...</c> for device-scoped policies.
        /// </summary>
        public string NormalizeKey(string key)
        {
            var k = key.Trim().Replace('\\', '/').ToLowerInvariant();
            if (k.StartsWith("vendor/", StringComparison.Ordinal) || k.StartsWith("device/", StringComparison.Ordinal) || k.StartsWith("user/", StringComparison.Ordinal)) k = "./" + k;
            if (k.StartsWith("./vendor/msft/", StringComparison.Ordinal)) k = "./device/vendor/msft/" + k.Substring("./vendor/msft/".Length);
            return k.TrimEnd('/');
        }

        public IEnumerable<SettingOccurrence> Extract(Resource resource)
        {
            if (resource.Node["omaSettings"] is not JsonArray settings) yield break;
            foreach (var item in settings.Items.OfType<JsonObject>())
            {
                var uri = item.GetString("omaUri");
                if (uri == null) continue;
                var valueNode = item["value"] ?? (JsonNode)item;
                var raw = valueNode.ScalarText;
                yield return new SettingOccurrence(resource, FormName, NormalizeKey(uri), raw?.Trim(), raw, valueNode, keyAsWritten: uri);
            }
        }
    }
}
