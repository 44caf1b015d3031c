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

        public static IReadOnlyList<RuleDescriptor> All { get; } = new[] { InvalidSetting, InvalidSettingsFile };
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
