using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConfigLint.Core.Suppressions
{
    /// <summary>A mistake in a suppressions file, at a 1-based line and column.</summary>
    public sealed class SuppressionFileException : Exception
    {
        public SuppressionFileException(string path, int line, int column, int offset, string reason)
            : base($"{path}({line},{column}): {reason}")
        {
            Path = path;
            Line = line;
            Column = column;
            Offset = offset;
            Reason = reason;
        }

        public string Path { get; }
        public int Line { get; }
        public int Column { get; }
        public int Offset { get; }
        public string Reason { get; }

        /// <summary>The problem as a finding of <see cref="AdoptionDiagnostics.InvalidSuppressionFile"/> (the analyzer's form of exit code 2).</summary>
        public Finding ToFinding(AdoptionDiagnostics diagnostics) => new Finding(
            diagnostics.InvalidSuppressionFile, diagnostics.InvalidSuppressionFile.DefaultSeverity, diagnostics.InvalidSuppressionFile.Message.Render(new MessageArgs { ["reason"] = Reason }),
            new SourceLocation(Path, new LinePosition(Line, Column), new LinePosition(Line, Column), Offset, Offset));
    }

    /// <summary>
    /// <c>configlint.suppressions.yaml</c>: accepted risks, each with a justification, an owner and an optional expiry.
    /// Read with YamlDotNet's representation model only (no tags, no object creation). Entries count how often they
    /// matched, concurrently, so that unused ones can be reported once the run is done.
    /// </summary>
    public sealed class SuppressionFile
    {
        /// <summary>The file name looked for next to and above the inputs (the CLI) or among AdditionalFiles (the analyzer).</summary>
        public const string FileName = "configlint.suppressions.yaml";

        private static readonly string[] EntryKeys = { "rule", "target", "setting", "justification", "owner", "expires" };

        private SuppressionFile(string path, IReadOnlyList<SuppressionEntry> entries, string? folder)
        {
            Path = path;
            Entries = entries;
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            Folder = folder ?? (slash < 0 ? string.Empty : path.Substring(0, slash));
        }

        /// <summary>The file's path as the run names it (findings about it carry this path).</summary>
        public string Path { get; }

        /// <summary>The folder the file governs: findings in files under it can be suppressed by it.</summary>
        public string Folder { get; }

        public IReadOnlyList<SuppressionEntry> Entries { get; }

        /// <summary>True when <paramref name="name"/> (a file name or path) is a suppressions file.</summary>
        public static bool IsSuppressionFile(string name)
        {
            int slash = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
            return string.Equals(slash < 0 ? name : name.Substring(slash + 1), FileName, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Reads a suppressions file; throws <see cref="SuppressionFileException"/> with the position of the first problem.
        /// <paramref name="path"/> is the name findings about the file carry; <paramref name="folder"/> the folder it
        /// governs, in the form finding paths are given to <see cref="Suppressor.Apply"/> (default: the path's folder).
        /// </summary>
        public static SuppressionFile Parse(string path, string text, string? folder = null)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException ex)
            {
                throw Error(path, ex.Start, ex.Message);
            }
            var entries = new List<SuppressionEntry>();
            if (stream.Documents.Count == 0) return new SuppressionFile(path, entries, folder);
            if (stream.Documents.Count > 1) throw Error(path, stream.Documents[1].RootNode.Start, "a suppressions file holds one YAML document");
            var root = stream.Documents[0].RootNode;
            RejectTags(path, root);
            if (root is YamlScalarNode empty && string.IsNullOrEmpty(empty.Value)) return new SuppressionFile(path, entries, folder);
            if (root is not YamlMappingNode map) throw Error(path, root.Start, "expected a mapping with a 'suppressions:' list");
            var file = new SuppressionFile(path, entries, folder);
            foreach (var kv in map.Children)
            {
                var key = (kv.Key as YamlScalarNode)?.Value;
                if (key != "suppressions") throw Error(path, kv.Key.Start, $"unknown key '{key}'; expected 'suppressions'");
                if (kv.Value is YamlScalarNode none && string.IsNullOrEmpty(none.Value)) continue;
                if (kv.Value is not YamlSequenceNode list) throw Error(path, kv.Value.Start, "'suppressions' must be a list of entries");
                foreach (var item in list.Children) entries.Add(ReadEntry(file, item));
            }
            return file;
        }

        private static SuppressionEntry ReadEntry(SuppressionFile file, YamlNode node)
        {
            string path = file.Path;
            if (node is not YamlMappingNode map) throw Error(path, node.Start, "an entry is a mapping with rule, target, justification and owner");
            var values = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
            foreach (var kv in map.Children)
            {
                var key = (kv.Key as YamlScalarNode)?.Value ?? string.Empty;
                if (Array.IndexOf(EntryKeys, key) < 0) throw Error(path, kv.Key.Start, $"unknown key '{key}'; expected one of {string.Join(", ", EntryKeys)}");
                if (kv.Value is not YamlScalarNode scalar) throw Error(path, kv.Value.Start, $"'{key}' must be a plain value");
                values[key] = scalar;
            }
            string Required(string key)
            {
                if (!values.TryGetValue(key, out var v)) throw Error(path, map.Start, $"the entry needs '{key}'");
                if (string.IsNullOrWhiteSpace(v.Value)) throw Error(path, v.Start, $"'{key}' must not be empty");
                return v.Value!.Trim();
            }
            string rule = Required("rule");
            if (!RuleIdentifiers.IsWellFormed(rule) && !RuleIdentifiers.IsCustom(rule))
            {
                throw Error(path, values["rule"].Start, $"'{rule}' is not a rule ID (CL and four digits, or a custom pack's ID such as ACME001)");
            }
            string target = Required("target");
            string justification = Required("justification");
            string owner = Required("owner");
            string? setting = values.TryGetValue("setting", out var s) && !string.IsNullOrWhiteSpace(s.Value) ? s.Value!.Trim() : null;
            DateTime? expires = null;
            string? expiresText = null;
            if (values.TryGetValue("expires", out var e))
            {
                expiresText = (e.Value ?? string.Empty).Trim();
                if (!DateTime.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw Error(path, e.Start, $"'expires' must be a date written yyyy-MM-dd, got '{expiresText}'");
                }
                expires = date;
            }
            var start = map.Start;
            return new SuppressionEntry(file, rule, target, setting, justification, owner, expires, expiresText,
                new SourceLocation(path, new LinePosition((int)start.Line, (int)start.Column), new LinePosition((int)start.Line, (int)start.Column + 1), (int)start.Index, (int)start.Index + 1));
        }

        // Tags would let a file name a type (!!python/object and the like); only plain data is accepted.
        private static void RejectTags(string path, YamlNode node)
        {
            var tagged = Rules.CustomPacks.FirstTagged(node);
            if (tagged != null) throw Error(path, tagged.Start, $"YAML tags are not allowed ({tagged.Tag})");
        }

        private static SuppressionFileException Error(string path, Mark mark, string reason) =>
            new SuppressionFileException(path, (int)mark.Line, (int)mark.Column, (int)mark.Index, reason);

        /// <summary>
        /// The suppressions-file findings of a finished run: an expired entry is a warning, an entry that matched
        /// nothing a suggestion, each at the entry's line.
        /// </summary>
        public IEnumerable<Finding> Diagnostics(DateTime today, AdoptionDiagnostics? diagnostics = null)
        {
            var d = diagnostics ?? AdoptionDiagnostics.Generic;
            foreach (var entry in Entries)
            {
                if (entry.IsExpired(today))
                {
                    yield return new Finding(d.SuppressionExpired, d.SuppressionExpired.DefaultSeverity, d.SuppressionExpired.Message.Render(new MessageArgs
                    {
                        ["rule"] = entry.Rule,
                        ["target"] = entry.Target,
                        ["owner"] = entry.Owner,
                        ["expires"] = entry.ExpiresText,
                    }), entry.Location);
                }
                else if (entry.Uses == 0 && entry.DisabledMatches == 0)
                {
                    yield return new Finding(d.SuppressionUnused, d.SuppressionUnused.DefaultSeverity, d.SuppressionUnused.Message.Render(new MessageArgs
                    {
                        ["rule"] = entry.Rule,
                        ["target"] = entry.Target,
                        ["setting"] = entry.Setting == null ? string.Empty : $" setting '{entry.Setting}'",
                    }), entry.Location);
                }
            }
        }
    }

    /// <summary>One accepted risk: a rule on a target (resource id, display name or file glob), optionally one setting.</summary>
    public sealed class SuppressionEntry
    {
        private int _uses;
        private Regex? _glob;

        internal SuppressionEntry(SuppressionFile file, string rule, string target, string? setting, string justification, string owner, DateTime? expires, string? expiresText, SourceLocation location)
        {
            File = file;
            Rule = rule;
            Target = target;
            Setting = setting;
            Justification = justification;
            Owner = owner;
            Expires = expires;
            ExpiresText = expiresText;
            Location = location;
        }

        public SuppressionFile File { get; }
        public string Rule { get; }
        public string Target { get; }
        public string? Setting { get; }
        public string Justification { get; }
        public string Owner { get; }
        public DateTime? Expires { get; }
        public string? ExpiresText { get; }

        /// <summary>Where the entry starts (its first key).</summary>
        public SourceLocation Location { get; }

        /// <summary>How many findings the entry suppressed so far in this run.</summary>
        public int Uses => Volatile.Read(ref _uses);

        /// <summary>The entry stops applying the day after its expiry date.</summary>
        public bool IsExpired(DateTime today) => Expires.HasValue && Expires.Value.Date < today.Date;

        /// <summary>
        /// True when the entry is about the finding. <paramref name="relativePath"/> is the finding's file (or, for a
        /// tenant finding, its export folder) relative to the suppressions file's folder, with forward slashes.
        /// </summary>
        public bool Matches(Finding finding, string relativePath)
        {
            if (!string.Equals(finding.RuleId, Rule, StringComparison.OrdinalIgnoreCase)) return false;
            var subject = finding.Subject;
            bool target = (subject?.ResourceId != null && string.Equals(subject.ResourceId, Target, StringComparison.OrdinalIgnoreCase))
                || (subject?.ResourceName != null && string.Equals(subject.ResourceName, Target, StringComparison.Ordinal))
                || Glob().IsMatch(relativePath);
            if (!target) return false;
            if (Setting == null) return true;
            var setting = subject?.Setting;
            if (setting == null) return false;
            if (string.Equals(setting, Setting, StringComparison.OrdinalIgnoreCase)) return true;
            // Declarative rules name a setting "form:key" (e.g. property:passwordRequired); the key alone is enough.
            int colon = setting.IndexOf(':');
            return colon > 0 && !setting.StartsWith("/", StringComparison.Ordinal) && string.Equals(setting.Substring(colon + 1), Setting, StringComparison.OrdinalIgnoreCase);
        }

        internal void Use() => Interlocked.Increment(ref _uses);

        private int _disabledMatches;

        /// <summary>
        /// How many findings the entry matched that the configuration turned off (severity <c>none</c>, a rule set that
        /// leaves the rule out). They are not reported, so there is nothing to suppress, but the entry is not unused
        /// either: it would apply as soon as the rule is on again. Both channels count them alike.
        /// </summary>
        public int DisabledMatches => Volatile.Read(ref _disabledMatches);

        internal void MatchDisabled() => Interlocked.Increment(ref _disabledMatches);

        public FindingSuppression ToSuppression() => new FindingSuppression(Justification, Owner, ExpiresText, File.Path, Location.Start.Line);

        /// <summary>
        /// The target as a path glob: <c>*</c> and <c>?</c> within one folder name, <c>**</c> across folders. A target
        /// without a slash also matches that name in any folder (as .gitignore does).
        /// </summary>
        private Regex Glob()
        {
            if (_glob != null) return _glob;
            string pattern = Target.Replace('\\', '/').TrimStart('/');
            var regex = new System.Text.StringBuilder(pattern.IndexOf('/') < 0 ? "^(?:.*/)?" : "^");
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    bool slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    regex.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                }
                else if (c == '*') regex.Append("[^/]*");
                else if (c == '?') regex.Append("[^/]");
                else regex.Append(Regex.Escape(c.ToString()));
            }
            regex.Append("(?:/.*)?$");
            return _glob = new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The suppressions files of a run, each governing the files under its folder.</summary>
    public static class Suppressor
    {
        /// <summary>
        /// The finding, suppressed by the first live entry that matches it among <paramref name="files"/> (nearest first);
        /// unchanged when none does. Paths are compared in one form: both absolute, or both relative to the same folder.
        /// </summary>
        public static Finding Apply(Finding finding, string? findingPath, IEnumerable<SuppressionFile> files, DateTime today)
        {
            if (findingPath == null) return finding;
            foreach (var file in files)
            {
                var relative = RelativePath(file.Folder, findingPath);
                if (relative == null) continue;
                foreach (var entry in file.Entries)
                {
                    if (entry.IsExpired(today) || !entry.Matches(finding, relative)) continue;
                    entry.Use();
                    return finding.WithSuppression(entry.ToSuppression());
                }
            }
            return finding;
        }

        /// <summary>
        /// Notes that a finding the configuration turned off (severity none) would have been suppressed by a live entry,
        /// so that the entry does not count as unused (CL0021) for a rule that is merely disabled.
        /// </summary>
        public static void NoteDisabled(Finding finding, string? findingPath, IEnumerable<SuppressionFile> files, DateTime today)
        {
            if (findingPath == null) return;
            foreach (var file in files)
            {
                var relative = RelativePath(file.Folder, findingPath);
                if (relative == null) continue;
                foreach (var entry in file.Entries)
                {
                    if (entry.IsExpired(today) || !entry.Matches(finding, relative)) continue;
                    entry.MatchDisabled();
                    return;
                }
            }
        }

        /// <summary>The path of <paramref name="path"/> inside <paramref name="folder"/> with forward slashes, or null when it is outside.</summary>
        public static string? RelativePath(string folder, string path)
        {
            string f = folder.Replace('\\', '/').TrimEnd('/');
            string p = path.Replace('\\', '/');
            if (f.Length == 0) return p.StartsWith("/", StringComparison.Ordinal) || (p.Length > 1 && p[1] == ':') ? null : p;
            if (p.Length > f.Length && p[f.Length] == '/' && string.Compare(p, 0, f, 0, f.Length, StringComparison.OrdinalIgnoreCase) == 0) return p.Substring(f.Length + 1);
            return string.Equals(p, f, StringComparison.OrdinalIgnoreCase) ? string.Empty : null;
        }
    }
}
