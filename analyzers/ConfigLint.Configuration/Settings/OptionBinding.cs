using System.Collections.Generic;
using ConfigLint.Core.Rules;

namespace ConfigLint.Configuration.Settings
{
    /// <summary>
    /// Binds a settings file's <c>options:</c> to the rule options the packs declare, the same way in both channels:
    /// an unknown name, a value of the wrong kind or out of range is a CL0009 problem at its line and column (the CLI
    /// then exits 2; the analyzer reports it and lints with the defaults).
    /// </summary>
    public static class OptionBinding
    {
        /// <param name="settings">The settings file that applies, or null (every option at its default).</param>
        /// <param name="declared">The packs' declarations (<c>RulePack.Options</c>).</param>
        /// <param name="problems">What is wrong; when not empty, the result must not be used.</param>
        public static RuleOptions Bind(ConfigLintSettings? settings, IReadOnlyList<RuleOptionDeclaration> declared, out IReadOnlyList<ConfigProblem> problems)
        {
            var found = new List<ConfigProblem>();
            problems = found;
            if (settings == null || settings.Options.Count == 0) return RuleOptions.Defaults(declared);
            return RuleOptions.Create(declared, settings.Options, (name, isName, message) =>
            {
                var (nameAt, valueAt) = settings.OptionLocations[name];
                found.Add(new ConfigProblem(ConfigurationDiagnostics.InvalidSettingsFile, isName ? nameAt : valueAt, $"{ConfigLintSettings.FileName}: {message}"));
            });
        }
    }
}
