using System;
using System.Collections.Generic;

namespace ConfigLint.Configuration.Settings
{
    /// <summary>
    /// One <c>configlint.yaml</c>, as read (schema: <c>rules/configlint.schema.json</c>). Paths and globs are relative
    /// to <see cref="Directory"/>, the folder that holds the file.
    /// </summary>
    public sealed class ConfigLintSettings
    {
        public const string FileName = "configlint.yaml";

        /// <summary>The keys a settings file may hold, in the order the schema lists them.</summary>
        public static readonly IReadOnlyList<string> Keys = new[] { "tenant", "tenants", "include", "exclude", "rules", "ruleset", "options", "packs" };

        /// <summary>Rule sets by tag; <c>all</c> is every rule.</summary>
        public static readonly IReadOnlyList<string> RuleSets = new[] { "all", "dpia", "security", "hygiene" };

        public ConfigLintSettings(string path, string directory)
        {
            Path = path;
            Directory = directory;
        }

        public string Path { get; }
        public string Directory { get; }

        /// <summary>Set when the file says <c>tenant:</c>: its folder is one tenant's export root, whatever its subfolders.</summary>
        public string? Tenant { get; internal set; }

        /// <summary>Globs of folders that are tenant roots.</summary>
        public List<string> Tenants { get; } = new List<string>();

        /// <summary>Which files are exports; empty means the build's default (<c>**/*.json;**/*.yaml;**/*.yml</c>).</summary>
        public List<string> Include { get; } = new List<string>();

        public List<string> Exclude { get; } = new List<string>();

        /// <summary>Rule sets by tag; empty means all.</summary>
        public List<string> Rules { get; } = new List<string>();

        /// <summary>The pinned rule-set version: rules introduced after it report at most as suggestions.</summary>
        public Version? Ruleset { get; internal set; }

        /// <summary>
        /// Rule options by name, as written. Which names exist, their kinds and ranges are the rule packs' declarations
        /// (<c>options:</c>), checked by <see cref="OptionBinding"/> once the pack is known.
        /// </summary>
        public Dictionary<string, string> Options { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Where each option's name and value are written, for problems with file and line.</summary>
        public Dictionary<string, (ConfigLint.Core.Text.SourceLocation Name, ConfigLint.Core.Text.SourceLocation Value)> OptionLocations { get; } =
            new Dictionary<string, (ConfigLint.Core.Text.SourceLocation, ConfigLint.Core.Text.SourceLocation)>(StringComparer.Ordinal);

        /// <summary>Custom rule-pack paths, as written (relative to <see cref="Directory"/>), for the pack loader.</summary>
        public List<string> Packs { get; } = new List<string>();
    }
}
