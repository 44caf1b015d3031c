using System;
using ConfigLint.Core.Json;

namespace ConfigLint.Rules.Typing
{
    /// <summary>
    /// How Intune exports are shaped while they are read: OData noise keys left out, double-encoded files unwrapped, and
    /// the policies of CIPP templates, template stores and backups read from their strings (<see cref="CippTemplates"/>).
    /// </summary>
    public static class ExportDocumentShape
    {
        /// <summary>The shape the Intune pack hands to the reader.</summary>
        /// <remarks>
        /// A Graph collection page (<c>{"value":[…]}</c>) lists independent resources. A root array does not always:
        /// IntuneBackupAndRestore writes one Administrative Template's definition values as a root array, judged as one
        /// policy (CL0005 counts over the whole array), so root arrays are not split.
        /// </remarks>
        public static DocumentShape Instance { get; } = new DocumentShape(ignoredKey: IsODataNoiseKey, readEmbeddedDocumentString: true, embeddedDocuments: CippTemplates.Find, pageProperty: "value");

        /// <summary>
        /// Keys that <c>odata.metadata=full</c> adds and that carry no setting: <c>@odata.id</c>, <c>@odata.editLink</c>,
        /// <c>prop@odata.type</c>, navigation/association links and <c>#microsoft.graph.assign</c> action annotations.
        /// The type, context, paging and <c>@odata.bind</c> references are kept because they mean something.
        /// IntuneManagement writes Endpoint Security settings (<c>*_Settings.json</c>) as <c>ConvertTo-Json</c> of a
        /// string that already holds JSON, hence <see cref="DocumentShape.ReadEmbeddedDocumentString"/>.
        /// </summary>
        public static bool IsODataNoiseKey(string name)
        {
            if (name.Length == 0) return false;
            if (name[0] == '#') return true;
            int at = name.IndexOf('@');
            if (at < 0) return false;
            if (at == 0)
            {
                return !(name == "@odata.type" || name == "@odata.context" || name == "@odata.count"
                    || name == "@odata.nextLink" || name == "@odata.deltaLink");
            }
            return !name.EndsWith("@odata.bind", StringComparison.Ordinal);
        }
    }
}
