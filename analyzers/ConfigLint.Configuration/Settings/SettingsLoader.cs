using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ConfigLint.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConfigLint.Configuration.Settings
{
    /// <summary>
    /// Reads <c>configlint.yaml</c> strictly: bad YAML, an unknown key or a value of the wrong kind is a problem with
    /// its line and column (CL0009), never a guess. Text in, no file IO, so the analyzer can use it on an AdditionalFile.
    /// </summary>
    public static class SettingsLoader
    {
        public static bool IsSettingsFile(string path) =>
            System.IO.Path.GetFileName(path).Equals(ConfigLintSettings.FileName, StringComparison.OrdinalIgnoreCase);

        /// <param name="path">The file's full path (its folder anchors the globs).</param>
        /// <param name="displayPath">The path problems show.</param>
        /// <param name="text">The file's text.</param>
        /// <param name="problems">What is wrong; when not empty, the settings must not be used.</param>
        public static ConfigLintSettings Load(string path, string displayPath, string text, out IReadOnlyList<ConfigProblem> problems)
        {
            var found = new List<ConfigProblem>();
            problems = found;
            var settings = new ConfigLintSettings(path, PathUtil.Directory(path));
            SourceLocation Locate(Mark mark)
            {
                int line = Math.Max(1, (int)mark.Line);
                int column = Math.Max(1, (int)mark.Column);
                return new SourceLocation(displayPath, new LinePosition(line, column), new LinePosition(line, column), Offset(text, line, column), Offset(text, line, column));
            }
            void Problem(Mark mark, string message) =>
                found.Add(new ConfigProblem(ConfigurationDiagnostics.InvalidSettingsFile, Locate(mark), $"{ConfigLintSettings.FileName}: {message}"));

            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException ex)
            {
                Problem(ex.Start, $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}");
                return settings;
            }
            if (stream.Documents.Count == 0) return settings;
            if (stream.Documents.Count > 1)
            {
                Problem(stream.Documents[1].RootNode.Start, "holds more than one YAML document; write one");
                return settings;
            }
            var root = stream.Documents[0].RootNode;
            if (root is YamlScalarNode empty && string.IsNullOrEmpty(empty.Value)) return settings;
            if (!(root is YamlMappingNode map))
            {
                Problem(root.Start, "expected a mapping of settings (tenant:, include:, rules:, ...)");
                return settings;
            }
            foreach (var entry in map.Children)
            {
                var key = (entry.Key as YamlScalarNode)?.Value ?? string.Empty;
                var value = entry.Value;
                switch (key)
                {
                    case "tenant":
                        var tenant = Scalar(value, "a tenant name (or true)", Problem);
                        if (tenant != null) settings.Tenant = tenant.Equals("true", StringComparison.OrdinalIgnoreCase) ? string.Empty : tenant;
                        if (tenant != null && tenant.Equals("false", StringComparison.OrdinalIgnoreCase)) settings.Tenant = null;
                        break;
                    case "tenants": Strings(value, settings.Tenants, "folder globs", Problem); break;
                    case "include": Strings(value, settings.Include, "file globs", Problem); break;
                    case "exclude": Strings(value, settings.Exclude, "file globs", Problem); break;
                    case "packs": Strings(value, settings.Packs, "rule-pack paths", Problem); break;
                    case "rules":
                        Strings(value, settings.Rules, "rule sets", Problem);
                        foreach (var set in settings.Rules.Where(r => !ConfigLintSettings.RuleSets.Contains(r)).ToList())
                        {
                            Problem(value.Start, $"unknown rule set '{set}' in rules:; expected {string.Join(", ", ConfigLintSettings.RuleSets)}");
                        }
                        break;
                    case "ruleset":
                        var version = Scalar(value, "a version such as 0.1", Problem);
                        if (version == null) break;
                        if (System.Version.TryParse(version.Contains(".") ? version : version + ".0", out var parsed)) settings.Ruleset = parsed;
                        else Problem(value.Start, $"ruleset: '{version}' is not a version; expected one such as 0.1");
                        break;
                    case "options": Options(value, settings, Problem, Locate); break;
                    default:
                        Problem(entry.Key.Start, $"unknown key '{key}'; expected one of {string.Join(", ", ConfigLintSettings.Keys)}");
                        break;
                }
            }
            return settings;
        }

        private static string? Scalar(YamlNode node, string expected, Action<Mark, string> problem)
        {
            if (node is YamlScalarNode scalar && scalar.Value != null) return scalar.Value;
            problem(node.Start, $"expected {expected}");
            return null;
        }

        private static void Strings(YamlNode node, List<string> into, string what, Action<Mark, string> problem)
        {
            if (node is YamlScalarNode single && !string.IsNullOrEmpty(single.Value))
            {
                into.Add(single.Value!);
                return;
            }
            if (!(node is YamlSequenceNode list))
            {
                problem(node.Start, $"expected a list of {what}");
                return;
            }
            foreach (var item in list.Children)
            {
                if (item is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value)) into.Add(scalar.Value!);
                else problem(item.Start, $"expected a list of {what}; this item is not a string");
            }
        }

        /// <summary>
        /// Reads <c>options:</c> as name: scalar pairs with their positions. Names, kinds and ranges are the packs'
        /// declarations, checked by <see cref="OptionBinding"/> (the loader does not know the pack).
        /// </summary>
        private static void Options(YamlNode node, ConfigLintSettings settings, Action<Mark, string> problem, Func<Mark, SourceLocation> locate)
        {
            if (!(node is YamlMappingNode map))
            {
                problem(node.Start, "options: expected a mapping of rule options");
                return;
            }
            foreach (var entry in map.Children)
            {
                var name = (entry.Key as YamlScalarNode)?.Value ?? string.Empty;
                var value = Scalar(entry.Value, $"a value for option '{name}' (a number or a level)", problem);
                if (value == null) continue;
                settings.Options[name] = value;
                settings.OptionLocations[name] = (locate(entry.Key.Start), locate(entry.Value.Start));
            }
        }

        private static int Offset(string text, int line, int column)
        {
            int offset = 0;
            for (int l = 1; l < line && offset < text.Length; l++)
            {
                int next = text.IndexOf('\n', offset);
                if (next < 0) return text.Length;
                offset = next + 1;
            }
            return Math.Min(text.Length, offset + column - 1);
        }
    }
}
