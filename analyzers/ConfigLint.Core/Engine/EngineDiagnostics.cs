using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Engine
{
    /// <summary>The engine's own diagnostics: problems with the input itself, and internal failures.</summary>
    public static class EngineDiagnostics
    {
        private const string InputSource = "ConfigLint input handling: every bad input gets a clear error and the run goes on";

        public static readonly RuleDescriptor InvalidJson = new RuleDescriptor(
            id: RuleIdentifiers.InvalidJson,
            name: "Input.InvalidJson",
            title: "The file is not valid JSON",
            messageFormat: "{0}",
            category: "Input",
            defaultSeverity: Severity.Error,
            description: "The file could not be parsed as JSON (malformed, truncated, or with text after the end). Nothing in it was checked.",
            source: InputSource);

        public static readonly RuleDescriptor EmptyFile = new RuleDescriptor(
            id: RuleIdentifiers.EmptyFile,
            name: "Input.EmptyFile",
            title: "The file is empty",
            messageFormat: "{0}",
            category: "Input",
            defaultSeverity: Severity.Error,
            description: "The file holds no JSON value at all, which usually means an export was interrupted.",
            source: InputSource);

        public static readonly RuleDescriptor UnreadableFile = new RuleDescriptor(
            id: RuleIdentifiers.UnreadableFile,
            name: "Input.UnreadableFile",
            title: "The file cannot be read",
            messageFormat: "{0}",
            category: "Input",
            defaultSeverity: Severity.Error,
            description: "The file could not be opened or its bytes are not valid text in any supported encoding.",
            source: InputSource);

        public static readonly RuleDescriptor UnknownResourceType = new RuleDescriptor(
            id: RuleIdentifiers.UnknownResourceType,
            name: "Input.UnknownResourceType",
            title: "The Intune resource type could not be told",
            messageFormat: "{0}",
            category: "Input",
            defaultSeverity: Severity.Info,
            description: "The JSON has no @odata.type and neither its shape, its @odata.context nor its folder says which Intune object it is, so no rule could check it.",
            source: InputSource);

        public static readonly RuleDescriptor InternalError = new RuleDescriptor(
            id: RuleIdentifiers.InternalError,
            name: "Internal.RuleFailure",
            title: "A rule failed on this input",
            messageFormat: "{0}",
            category: "Internal",
            defaultSeverity: Severity.Error,
            description: "A rule threw an exception on this resource. The rest of the run went on; please report the input that caused it.",
            source: "ConfigLint engine");

        public static IReadOnlyList<RuleDescriptor> All { get; } = new[] { InvalidJson, EmptyFile, UnreadableFile, UnknownResourceType, InternalError };
    }
}
