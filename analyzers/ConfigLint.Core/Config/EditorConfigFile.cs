using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace ConfigLint.Core.Config
{
    /// <summary>
    /// One <c>.editorconfig</c> or <c>.globalconfig</c>, parsed as Roslyn reads it: keys lower-cased, sections matched
    /// against paths relative to the file's folder (https://spec.editorconfig.org/). Pure text in, no file IO.
    /// </summary>
    public sealed class EditorConfigFile
    {
        private EditorConfigFile(string directory)
        {
            Directory = directory;
        }

        /// <summary>The folder the file sits in (sections match paths below it).</summary>
        public string Directory { get; }

        public bool IsRoot { get; private set; }

        /// <summary>A global config (<c>.globalconfig</c>, or <c>is_global = true</c>): its keys apply to every file.</summary>
        public bool IsGlobal { get; private set; }

        /// <summary>Keys before the first section (for a global config, the ones that apply everywhere).</summary>
        public Dictionary<string, string> Preamble { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public List<(string Glob, Regex Matcher, Dictionary<string, string> Properties)> Sections { get; } = new List<(string, Regex, Dictionary<string, string>)>();

        /// <summary>Severity keys with a value no channel understands, with their 1-based line.</summary>
        public List<(int Line, string Message)> Problems { get; } = new List<(int, string)>();

        public static EditorConfigFile Parse(string path, string text)
        {
            var file = new EditorConfigFile(Path.GetDirectoryName(Path.GetFullPath(path)) ?? string.Empty);
            file.IsGlobal = Path.GetFileName(path).Equals(".globalconfig", StringComparison.OrdinalIgnoreCase);
            Dictionary<string, string> current = file.Preamble;
            int number = 0;
            foreach (var raw in text.Split('\n'))
            {
                number++;
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                if (line[0] == '[' && line[line.Length - 1] == ']')
                {
                    var glob = line.Substring(1, line.Length - 2);
                    current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    file.Sections.Add((glob, GlobToRegex(glob), current));
                    continue;
                }
                int eq = line.IndexOf('=');
                if (eq <= 0) continue;
                var key = line.Substring(0, eq).Trim().ToLowerInvariant();
                var value = line.Substring(eq + 1).Trim();
                current[key] = value;
                if (IsSeverityKey(key) && !SeverityConfiguration.TryParse(value, out _) && !value.Equals("default", StringComparison.OrdinalIgnoreCase))
                {
                    file.Problems.Add((number, $"'{value}' is not a severity for {key}; expected error, warning, suggestion, info, silent, none or default (the key is ignored)"));
                }
                if (ReferenceEquals(current, file.Preamble))
                {
                    if (key == "root" && value.Equals("true", StringComparison.OrdinalIgnoreCase)) file.IsRoot = true;
                    if (key == "is_global" && value.Equals("true", StringComparison.OrdinalIgnoreCase)) file.IsGlobal = true;
                }
            }
            return file;
        }

        private static bool IsSeverityKey(string key) =>
            key.StartsWith("configlint.severity.", StringComparison.Ordinal)
            || (key.StartsWith("dotnet_diagnostic.cl", StringComparison.Ordinal) && key.EndsWith(".severity", StringComparison.Ordinal));

        /// <summary>The value of a key for a file, later sections winning; global configs answer from their preamble too.</summary>
        public string? Lookup(string fullPath, string key)
        {
            string? result = null;
            if (IsGlobal && Preamble.TryGetValue(key, out var global)) result = global;
            var relative = Relative(fullPath);
            if (relative == null) return result;
            foreach (var (_, matcher, properties) in Sections)
            {
                if (matcher.IsMatch(relative) && properties.TryGetValue(key, out var value)) result = value;
            }
            return result;
        }

        private string? Relative(string fullPath)
        {
            var dir = Directory.Replace('\\', '/').TrimEnd('/') + "/";
            var path = fullPath.Replace('\\', '/');
            return path.StartsWith(dir, StringComparison.Ordinal) ? path.Substring(dir.Length) : null;
        }

        /// <summary>EditorConfig globs: <c>*</c>, <c>**</c>, <c>?</c>, <c>[...]</c>, <c>{a,b}</c>; no slash means "at any depth".</summary>
        public static Regex GlobToRegex(string glob)
        {
            var pattern = glob.Contains("/") ? glob.TrimStart('/') : "**/" + glob;
            var sb = new StringBuilder("^");
            int braces = 0;
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                switch (c)
                {
                    case '*':
                        if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                        {
                            i++;
                            // "**/" may also match no folder at all.
                            if (i + 1 < pattern.Length && pattern[i + 1] == '/') { sb.Append("(?:.*/)?"); i++; }
                            else sb.Append(".*");
                        }
                        else sb.Append("[^/]*");
                        break;
                    case '?': sb.Append("[^/]"); break;
                    case '{': braces++; sb.Append("(?:"); break;
                    case '}' when braces > 0: braces--; sb.Append(')'); break;
                    case ',' when braces > 0: sb.Append('|'); break;
                    case '[':
                        int close = pattern.IndexOf(']', i + 1);
                        if (close < 0) { sb.Append("\\["); break; }
                        var cls = pattern.Substring(i + 1, close - i - 1);
                        sb.Append('[').Append(cls.StartsWith("!") ? "^" + cls.Substring(1) : cls).Append(']');
                        i = close;
                        break;
                    default: sb.Append(Regex.Escape(c.ToString())); break;
                }
            }
            sb.Append('$');
            return new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        }
    }
}
