using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConfigLint.Configuration.Settings;
using ConfigLint.Core.Engine;
using ConfigLint.Rules;
using ConfigLint.Rules.Typing;

namespace ConfigLint.Cli.Commands
{
    /// <summary>
    /// The rules a run judges with, the same for <c>lint</c> and <c>audit</c>: the built-in packs, custom packs (<c>--rules</c>,
    /// then the settings file's <c>packs:</c>), the settings file's rule options and its declared tenant roots.
    /// </summary>
    internal static class RunRules
    {
        /// <summary>
        /// The packs the settings file names (relative to it) and their files, which are rules, not exports. False after
        /// writing why when one cannot be read.
        /// </summary>
        public static bool SettingsPacks(RunSettings settings, string root, TextWriter error, out IReadOnlyList<(string Name, string Text)> packs, out HashSet<string> packFiles)
        {
            packs = Array.Empty<(string, string)>();
            packFiles = new HashSet<string>(StringComparer.Ordinal);
            if (settings.Settings == null || settings.Settings.Packs.Count == 0) return true;
            var read = Adoption.LintAdoption.ReadSettingsPacks(settings.Settings, root, error);
            if (read == null) return false;
            packs = read;
            packFiles.UnionWith(Adoption.LintAdoption.SettingsPackFiles(settings.Settings));
            return true;
        }

        /// <summary>
        /// The run's engine. <paramref name="customBuild"/> is the pack of the built-in and <c>--rules</c> packs, started
        /// early (it is serial start-up work); the settings file's packs join them. Null after writing why: a broken pack
        /// (its file and line), or a rule option the packs do not declare or a value they refuse.
        /// </summary>
        public static LintEngine? Engine(Task<RulePack> customBuild, IReadOnlyList<(string Name, string Text)> customPacks, IReadOnlyList<(string Name, string Text)> settingsPacks, RunSettings settings, string root, TextWriter error)
        {
            RulePack pack;
            try
            {
                pack = settingsPacks.Count == 0 ? customBuild.GetAwaiter().GetResult() : IntunePack.Create(customPacks.Concat(settingsPacks).ToList());
            }
            catch (ConfigLint.Core.Rules.RulePackException ex)
            {
                // A user's broken rule pack: its file and line, and nothing judged with half a pack.
                error.WriteLine($"configlint: error: {ex.Message}");
                return null;
            }
            // The settings file's rule options, checked against the options the packs declare (as the analyzer does).
            var ruleOptions = OptionBinding.Bind(settings.Settings, pack.Options, out var optionProblems);
            if (optionProblems.Count > 0)
            {
                foreach (var problem in optionProblems) error.WriteLine($"{problem.Location}: error {problem.Rule.Id}: {problem.Message}");
                return null;
            }
            // Declared tenant roots, as the engine sees paths (relative to the report root).
            return new LintEngine(settings.TenantRoots.Count == 0
                ? pack
                : IntunePack.Create(pack, new ExportLayout(settings.TenantRoots.Select(r => InputCollector.DisplayPath(r, root)))), ruleOptions);
        }
    }
}
