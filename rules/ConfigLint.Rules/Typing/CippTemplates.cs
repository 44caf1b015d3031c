using System;
using System.Collections.Generic;
using ConfigLint.Core.Json;

namespace ConfigLint.Rules.Typing
{
    /// <summary>
    /// CIPP (the CyberDrain Improved Partner Portal) keeps Intune policies as templates whose policy is a JSON string,
    /// and stores each template as a table row whose template is a JSON string again. The three shapes, as CIPP writes
    /// them (KelvinTegelaar/CIPP-API):
    /// <list type="bullet">
    /// <item>a template, as shipped in <c>Config/*.IntuneTemplate.json</c>: <c>{ "Displayname", "Description",
    /// "RAWJson": "{\"name\":…,\"settings\":[…]}", "Type": "Catalog"|"Device"|"Admin"|…, "GUID" }</c>, where RAWJson is
    /// <c>ConvertTo-Json -Compress</c> of the Graph object (<c>Modules/CIPPCore/Public/New-CIPPIntuneTemplate.ps1</c>);</item>
    /// <item>a template-store row: <c>{ "PartitionKey": "IntuneTemplate", "RowKey", "GUID", "JSON": "&lt;the template
    /// above, compressed&gt;" }</c> (<c>Set-CIPPIntuneTemplate.ps1</c> writes <c>JSON = "$object"</c>), so the policy is a
    /// string inside a string;</item>
    /// <item>a CIPP backup: a list of such rows from many tables, each with its <c>table</c> name
    /// (<c>New-CIPPBackup.ps1</c>); rows of other tables (standards, GDAP roles, …) hold no Intune policy.</item>
    /// </list>
    /// The engine reads each string as a document of its own, positions mapped through every escape back to the file.
    /// </summary>
    public static class CippTemplates
    {
        /// <summary>The template property holding the policy.</summary>
        public const string PolicyProperty = "RAWJson";

        /// <summary>The store row property holding the template.</summary>
        public const string RowTemplateProperty = "JSON";

        /// <summary>The store's partition of Intune templates (others hold CA, transport-rule, … templates).</summary>
        public const string IntunePartition = "IntuneTemplate";

        /// <summary>The strings of a CIPP template, store row or backup that hold a document; null for any other file.</summary>
        public static IReadOnlyList<EmbeddedString>? Find(JsonDocument document)
        {
            switch (document.Root)
            {
                case JsonObject obj:
                    return Embedded(obj) is { } one ? new[] { one } : null;
                case JsonArray array:
                    List<EmbeddedString>? found = null;
                    foreach (var item in array.Items)
                    {
                        if (item is not JsonObject row) continue;
                        var embedded = Embedded(row);
                        if (embedded != null)
                        {
                            (found ??= new List<EmbeddedString>()).Add(embedded);
                            continue;
                        }
                        // A list that mixes templates with anything but table rows is not CIPP's: read it as written, so
                        // that nothing in it goes unread.
                        if (!IsTableRow(row)) return null;
                    }
                    return found;
                default:
                    return null;
            }
        }

        private static EmbeddedString? Embedded(JsonObject obj)
        {
            if (obj[PolicyProperty] is JsonValue { Kind: JsonKind.String } policy)
            {
                return new EmbeddedString(policy, $"the CIPP template's {PolicyProperty} string");
            }
            if (string.Equals(obj.GetString("PartitionKey"), IntunePartition, StringComparison.Ordinal) && obj[RowTemplateProperty] is JsonValue { Kind: JsonKind.String } template)
            {
                return new EmbeddedString(template, $"the CIPP {IntunePartition} row's {RowTemplateProperty} string");
            }
            return null;
        }

        /// <summary>An Azure Table entity as CIPP backs it up: every row has its partition and row keys.</summary>
        private static bool IsTableRow(JsonObject obj) => obj["PartitionKey"] is JsonValue { Kind: JsonKind.String } && obj["RowKey"] != null;
    }
}
