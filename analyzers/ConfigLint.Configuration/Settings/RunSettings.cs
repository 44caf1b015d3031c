using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Model;
using Microsoft.Extensions.FileSystemGlobbing;

namespace ConfigLint.Configuration.Settings
{
    /// <summary>
    /// The settings of one run, the same in both channels: which files are exports (include/exclude, as the build's
    /// ConfigLintInclude/ConfigLintExclude), which folders are tenant roots, and how rule sets and a pinned rule-set
    /// version bound severities. Without a settings file every rule runs at its configured severity.
    /// </summary>
    public sealed class RunSettings
    {
        /// <summary>The build's default ConfigLintInclude.</summary>
        public static readonly IReadOnlyList<string> DefaultInclude = new[] { "**/*.json", "**/*.yaml", "**/*.yml" };

        private readonly Matcher? _files;
        private readonly HashSet<string>? _tags;
        private readonly ReleaseTable _releases;

        private RunSettings(ConfigLintSettings? settings, IReadOnlyList<string> tenantRoots, ReleaseTable releases)
        {
            Settings = settings;
            TenantRoots = tenantRoots;
            _releases = releases;
            if (settings == null) return;
            if (settings.Include.Count > 0 || settings.Exclude.Count > 0)
            {
                _files = new Matcher(StringComparison.OrdinalIgnoreCase);
                _files.AddIncludePatterns(settings.Include.Count > 0 ? settings.Include : DefaultInclude);
                _files.AddExcludePatterns(settings.Exclude);
            }
            if (settings.Rules.Count > 0 && !settings.Rules.Contains("all")) _tags = new HashSet<string>(settings.Rules, StringComparer.OrdinalIgnoreCase);
        }

        public static RunSettings Default { get; } = new RunSettings(null, Array.Empty<string>(), ReleaseTable.Current);

        /// <summary>The settings file that applies (null: none).</summary>
        public ConfigLintSettings? Settings { get; }

        /// <summary>Tenant roots as full folder paths.</summary>
        public IReadOnlyList<string> TenantRoots { get; }

        /// <param name="settings">The settings file that applies, or null.</param>
        /// <param name="markers">Every settings file found in the linted folders: those that say <c>tenant:</c> mark their folder.</param>
        /// <param name="folders">The folders that hold linted files (full paths), matched against <c>tenants:</c> globs.</param>
        /// <param name="releases">When each rule came (tests pass their own).</param>
        public static RunSettings Create(ConfigLintSettings? settings, IEnumerable<ConfigLintSettings> markers, IEnumerable<string> folders, ReleaseTable? releases = null)
        {
            var roots = new HashSet<string>(StringComparer.Ordinal);
            foreach (var marker in markers.Concat(settings == null ? Enumerable.Empty<ConfigLintSettings>() : new[] { settings }))
            {
                if (marker.Tenant != null) roots.Add(Normalize(marker.Directory));
            }
            if (settings != null && settings.Tenants.Count > 0)
            {
                var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
                matcher.AddIncludePatterns(settings.Tenants);
                var baseDir = Normalize(settings.Directory);
                // A folder matches when the glob matches it, or when it lies under a folder the glob matches.
                foreach (var folder in folders.Select(Normalize).Distinct())
                {
                    if (!PathUtil.IsUnder(folder, baseDir)) continue;
                    var relative = folder.Substring(baseDir.Length + 1).Split('/');
                    for (int depth = 1; depth <= relative.Length; depth++)
                    {
                        var candidate = string.Join("/", relative.Take(depth));
                        if (matcher.Match(candidate).HasMatches) { roots.Add(baseDir + "/" + candidate); break; }
                    }
                }
            }
            if (settings == null && roots.Count == 0) return releases == null ? Default : new RunSettings(null, Array.Empty<string>(), releases);
            return new RunSettings(settings, roots.OrderBy(r => r, StringComparer.Ordinal).ToList(), releases ?? ReleaseTable.Current);
        }

        /// <summary>Whether a file (full path) is linted under the include/exclude globs.</summary>
        public bool Includes(string fullPath)
        {
            if (_files == null || Settings == null) return true;
            var baseDir = Normalize(Settings.Directory);
            var path = Normalize(fullPath);
            if (!PathUtil.IsUnder(path, baseDir)) return true;
            return _files.Match(path.Substring(baseDir.Length + 1)).HasMatches;
        }

        /// <summary>
        /// A finding's severity under the rule sets and the pin: a rule outside the chosen sets is off; a rule that
        /// came after the pinned version is at most a suggestion. ConfigLint's own diagnostics (input, configuration,
        /// internal) are never turned off.
        /// </summary>
        public Severity Apply(RuleDescriptor rule, Severity severity)
        {
            if (Settings == null || severity == Severity.None) return severity;
            bool own = rule.Category == "Input" || rule.Category == "Internal";
            if (_tags != null && !own && !rule.Tags.Any(_tags.Contains) && !_tags.Contains(rule.Category)) return Severity.None;
            if (Settings.Ruleset != null && !own && severity > Severity.Suggestion && _releases.IsNewerThan(rule.Id, Settings.Ruleset)) return Severity.Suggestion;
            return severity;
        }

        private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');
    }
}
