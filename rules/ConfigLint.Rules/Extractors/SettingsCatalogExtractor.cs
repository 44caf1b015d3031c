using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Extractors
{
    /// <summary>
    /// Settings Catalog (<c>deviceManagementConfigurationPolicy.settings[].settingInstance</c>): every instance,
    /// searched recursively through choice <c>children</c> and group collections, whatever the nesting.
    /// </summary>
    /// <remarks>
    /// A choice value is the option id <c>{settingDefinitionId}_{option}</c>; the occurrence's value is the option
    /// part (<c>3</c> for <c>..._allowtelemetry_3</c>), so packs can share a value map with the OMA-URI form.
    /// </remarks>
    public sealed class SettingsCatalogExtractor : ISettingExtractor
    {
        public const string FormName = "settingsCatalog";

        public string Form => FormName;

        public string Describe(string key) => $"Settings Catalog setting '{key}'";

        public string NormalizeKey(string key) => key.Trim().ToLowerInvariant();

        public IEnumerable<SettingOccurrence> Extract(Resource resource)
        {
            var results = new List<SettingOccurrence>();
            if (resource.Node["settings"] is not JsonArray settings) return results;
            foreach (var setting in settings.Items.OfType<JsonObject>())
            {
                if (setting["settingInstance"] is JsonObject instance) Walk(resource, instance, results, 0);
            }
            return results;
        }

        private void Walk(Resource resource, JsonObject instance, List<SettingOccurrence> results, int depth)
        {
            // Real policies nest a handful of levels; the parser already caps depth, this guards recursion.
            if (depth > 64) return;
            var id = instance.GetString("settingDefinitionId");
            if (id == null) return;
            string key = NormalizeKey(id);
            string written = id;

            if (instance["choiceSettingValue"] is JsonObject choice)
            {
                AddChoice(resource, key, written, choice, results);
                WalkChildren(resource, choice["children"], results, depth);
            }
            if (instance["choiceSettingCollectionValue"] is JsonArray choices)
            {
                foreach (var item in choices.Items.OfType<JsonObject>())
                {
                    AddChoice(resource, key, written, item, results);
                    WalkChildren(resource, item["children"], results, depth);
                }
            }
            if (instance["simpleSettingValue"] is JsonObject simple)
            {
                var valueNode = simple["value"] ?? simple;
                results.Add(new SettingOccurrence(resource, FormName, key, valueNode.ScalarText, valueNode.ScalarText, valueNode, keyAsWritten: written));
            }
            if (instance["simpleSettingCollectionValue"] is JsonArray collection)
            {
                var values = collection.Items.OfType<JsonObject>().Select(v => v.GetString("value") ?? string.Empty).ToList();
                results.Add(new SettingOccurrence(resource, FormName, key, null, null, collection, values, written));
            }
            if (instance["groupSettingValue"] is JsonObject group)
            {
                WalkChildren(resource, group["children"], results, depth);
            }
            if (instance["groupSettingCollectionValue"] is JsonArray groups)
            {
                foreach (var item in groups.Items.OfType<JsonObject>()) WalkChildren(resource, item["children"], results, depth);
            }
        }

        private void WalkChildren(Resource resource, JsonNode? children, List<SettingOccurrence> results, int depth)
        {
            if (children is not JsonArray array) return;
            foreach (var child in array.Items.OfType<JsonObject>()) Walk(resource, child, results, depth + 1);
        }

        private static void AddChoice(Resource resource, string key, string written, JsonObject choice, List<SettingOccurrence> results)
        {
            var valueNode = choice["value"];
            if (valueNode == null) return;
            var raw = valueNode.ScalarText;
            string? option = raw;
            if (raw != null && raw.Length > key.Length + 1 && raw.StartsWith(key, StringComparison.OrdinalIgnoreCase) && raw[key.Length] == '_')
            {
                option = raw.Substring(key.Length + 1);
            }
            results.Add(new SettingOccurrence(resource, FormName, key, option, raw, valueNode, keyAsWritten: written));
        }
    }
}
