using System.Collections.Generic;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Configuration
{
    /// <summary>
    /// Problems in ConfigLint's own configuration (.editorconfig/.globalconfig keys, the settings file), reported like
    /// any finding, at the file and line of the setting, in the CLI and in the build alike.
    /// </summary>
    public static class ConfigurationDiagnostics
    {
        private const string Source = "ConfigLint configuration: a setting that is not understood is never ignored in silence";

        private const string InvalidSettingId = "CL0008";
        private const string InvalidSettingsFileId = "CL0009";

        public static readonly RuleDescriptor InvalidSetting = new RuleDescriptor(
            id: InvalidSettingId,
            name: "Input.InvalidSetting",
            title: "A ConfigLint setting is not understood",
            messageFormat: "{problem}",
            category: "Input",
            defaultSeverity: Severity.Warning,
            description: "An .editorconfig or .globalconfig names a rule ConfigLint does not have, a configlint.* key it does not know, or a severity it cannot read. The setting is ignored; everything else applies.",
            source: Source,
            helpUri: ConfigLint.Rules.PackIdentifiers.GetHelpUri(InvalidSettingId));

        public static readonly RuleDescriptor InvalidSettingsFile = new RuleDescriptor(
            id: InvalidSettingsFileId,
            name: "Input.InvalidSettingsFile",
            title: "The settings file is not valid",
            messageFormat: "{problem}",
            category: "Input",
            defaultSeverity: Severity.Error,
            description: "configlint.yaml could not be read: bad YAML, an unknown key, or a value of the wrong kind. The CLI stops with exit code 2; the analyzer reports this error and lints with the defaults.",
            source: Source,
            helpUri: ConfigLint.Rules.PackIdentifiers.GetHelpUri(InvalidSettingsFileId));

        private const string CustomRuleId = "CL0024";
        private const string InvalidRulePackId = "CL0025";

        /// <summary>
        /// A finding of a custom pack's rule in <c>dotnet build</c>. Roslyn needs every diagnostic ID up front, and a
        /// user's own IDs are not known when the analyzer loads, so they are all reported under this one ID; the
        /// message starts with the custom rule's own ID, and the severity is the custom rule's as configured.
        /// </summary>
        public static readonly RuleDescriptor CustomRule = new RuleDescriptor(
            id: CustomRuleId,
            name: "Input.CustomRule",
            title: "A rule from a custom rule pack",
            messageFormat: "{id}: {message}",
            category: "Input",
            defaultSeverity: Severity.Warning,
            description: "In dotnet build, every finding of a custom pack's rule (configlint.yaml packs:) is reported as CL0024, with the custom rule's own ID at the start of the message and the custom rule's severity. The CLI reports the same finding under the custom rule's own ID.",
            source: "ConfigLint custom rule packs: Roslyn declares diagnostic IDs before any configuration is read",
            helpUri: ConfigLint.Rules.PackIdentifiers.GetHelpUri(CustomRuleId));

        public static readonly RuleDescriptor InvalidRulePack = new RuleDescriptor(
            id: InvalidRulePackId,
            name: "Input.InvalidRulePack",
            title: "A custom rule pack cannot be loaded",
            messageFormat: "{problem}",
            category: "Input",
            defaultSeverity: Severity.Error,
            description: "A rule pack named in configlint.yaml (packs:) is broken (bad YAML, an unknown key, a CL ID, an invalid pattern) or is not among the AdditionalFiles. The CLI stops with exit code 2; the analyzer reports this error and lints with the built-in rules only.",
            source: Source,
            helpUri: ConfigLint.Rules.PackIdentifiers.GetHelpUri(InvalidRulePackId));

        public static IReadOnlyList<RuleDescriptor> All { get; } = new[] { InvalidSetting, InvalidSettingsFile, CustomRule, InvalidRulePack };
    }

    /// <summary>One problem in a configuration file: where (1-based, end exclusive, with offsets) and what is wrong.</summary>
    public sealed class ConfigProblem
    {
        public ConfigProblem(RuleDescriptor rule, SourceLocation location, string message)
        {
            Rule = rule;
            Location = location;
            Message = message;
        }

        public RuleDescriptor Rule { get; }
        public SourceLocation Location { get; }
        public string Message { get; }

        /// <summary>The problem as a finding, reported like any other (it counts toward the fail level).</summary>
        public Finding ToFinding() => new Finding(Rule, Rule.DefaultSeverity, Message, Location);

        public override string ToString() => $"{Location}: {Message}";
    }
}
