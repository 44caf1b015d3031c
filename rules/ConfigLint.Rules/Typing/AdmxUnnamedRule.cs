using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Rules.Extractors;

namespace ConfigLint.Rules.Typing
{
    /// <summary>Administrative Template values that name their ADMX definition only by id cannot be checked.</summary>
    public sealed class AdmxUnnamedRule : ResourceRule
    {
        public const string Id = "CL0005";

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Input.AdmxDefinitionNotNamed",
            title: "Administrative Template values name their definition by id only",
            messageFormat: "not checkable offline: {count} of the Administrative Template values in {policy} reference their ADMX definition only by id (definition@odata.bind), so settings such as 'Allow Diagnostic Data' in them could not be checked; export with the definitions expanded (GET .../groupPolicyConfigurations/{{id}}?$expand=definitionValues($expand=definition))",
            category: "Input",
            defaultSeverity: Severity.Info,
            description: "IntuneBackupAndRestore and similar scripts export definitionValues without the definition's name; ConfigLint says so instead of passing those settings silently.",
            source: "Graph groupPolicyDefinitionValue (definition navigation); IntuneBackupAndRestore Administrative Templates layout",
            tags: new[] { "input", "admx" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override IReadOnlyCollection<string>? Types { get; } = new[] { "groupPolicyConfiguration", "groupPolicyDefinitionValue" };

        public override void Analyze(Resource resource, IFindingSink sink)
        {
            IEnumerable<JsonObject> values = AdmxExtractor.DefinitionValues(resource.Node);
            string where = resource.Describe();
            if (resource.Document.Root is JsonArray file)
            {
                // IntuneBackupAndRestore: the file is one array of definition values; report once, at the first.
                if (file.Items.Count == 0 || !ReferenceEquals(file.Items[0], resource.Node)) return;
                values = file.Items.OfType<JsonObject>();
                where = "'" + System.IO.Path.GetFileNameWithoutExtension(resource.Path) + "'";
            }
            int unnamed = values.Count(v => v["definition"] is not JsonObject);
            if (unnamed == 0) return;
            sink.Report(Rule, resource.AnchorLocation, new MessageArgs { ["count"] = unnamed, ["policy"] = where });
        }
    }
}
