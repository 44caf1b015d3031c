using System;
using System.Collections.Generic;
using System.Text;

namespace ConfigLint.Tests
{
    /// <summary>A command a CI host would execute from a log line.</summary>
    public sealed record CiCommand(string Name, IReadOnlyDictionary<string, string> Properties, string Data, string Line);

    /// <summary>
    /// Parser models of how the two CI hosts read a step's output, written from their sources: lines split as .NET's
    /// <c>ReadLine</c> does (CR, LF or CRLF), then
    /// <list type="bullet">
    /// <item>GitHub runner (actions/runner, <c>ActionCommand.TryParseV2</c>, then the legacy <c>TryParse</c>): a line
    /// that, after leading white space, starts with <c>::</c> and has a second <c>::</c> is a command; otherwise
    /// <c>##[name …]</c> anywhere in the line is one. <c>::stop-commands::TOKEN</c> suspends both until
    /// <c>::TOKEN::</c>. Property values unescape <c>%25 %0D %0A %3A %2C</c>, data <c>%25 %0D %0A</c>.</item>
    /// <item>Azure agent: <c>##vso[area.name props]data</c> anywhere in the line (case-insensitive), properties split on
    /// <c>;</c>, values and data unescape <c>%AZP25 %0D %0A %3B %5D</c>; and a line starting with <c>##[</c> is a
    /// formatting command (group, endgroup, section, warning, error, command, debug).</item>
    /// </list>
    /// Every command name counts, registered or not, so a test asserting "only the intended commands" is strict.
    /// </summary>
    public static class CiLogModels
    {
        public static IEnumerable<string> Lines(string output)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < output.Length; i++)
            {
                char c = output[i];
                if (c == '\r' || c == '\n')
                {
                    yield return sb.ToString();
                    sb.Clear();
                    if (c == '\r' && i + 1 < output.Length && output[i + 1] == '\n') i++;
                    continue;
                }
                sb.Append(c);
            }
            if (sb.Length > 0) yield return sb.ToString();
        }

        public static List<CiCommand> GitHub(string output)
        {
            var commands = new List<CiCommand>();
            string? stopToken = null;
            foreach (var line in Lines(output))
            {
                if (stopToken != null)
                {
                    if (line.Trim() == "::" + stopToken + "::") stopToken = null;
                    continue;
                }
                var command = GitHubV2(line) ?? GitHubV1(line);
                if (command == null) continue;
                commands.Add(command);
                if (command.Name == "stop-commands") stopToken = command.Data;
            }
            return commands;
        }

        private static CiCommand? GitHubV2(string line)
        {
            var message = line.TrimStart();
            if (!message.StartsWith("::", StringComparison.Ordinal)) return null;
            int end = message.IndexOf("::", 2, StringComparison.Ordinal);
            if (end < 0) return null;
            string info = message.Substring(2, end - 2);
            int space = info.IndexOf(' ');
            string name = space < 0 ? info : info.Substring(0, space);
            var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (space > 0)
            {
                foreach (var pair in info.Substring(space + 1).Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var kv = pair.Split('=', 2, StringSplitOptions.RemoveEmptyEntries);
                    if (kv.Length == 2) properties[kv[0]] = Unescape(kv[1], ("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"));
                }
            }
            return new CiCommand(name, properties, Unescape(message.Substring(end + 2), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")), line);
        }

        private static CiCommand? GitHubV1(string line)
        {
            int prefix = line.IndexOf("##[", StringComparison.Ordinal);
            if (prefix < 0) return null;
            int rb = line.IndexOf(']', prefix);
            if (rb < 0) return null;
            string info = line.Substring(prefix + 3, rb - prefix - 3);
            int space = info.IndexOf(' ');
            string name = space < 0 ? info : info.Substring(0, space);
            return new CiCommand("##[" + name, new Dictionary<string, string>(), line.Substring(rb + 1), line);
        }

        public static List<CiCommand> Azure(string output)
        {
            var commands = new List<CiCommand>();
            foreach (var line in Lines(output))
            {
                int prefix = line.IndexOf("##vso[", StringComparison.OrdinalIgnoreCase);
                if (prefix >= 0)
                {
                    int rb = line.IndexOf(']', prefix);
                    if (rb < 0) continue;
                    string info = line.Substring(prefix + 6, rb - prefix - 6);
                    int space = info.IndexOf(' ');
                    string name = space < 0 ? info : info.Substring(0, space);
                    var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    if (space > 0)
                    {
                        foreach (var pair in info.Substring(space + 1).Split(';', StringSplitOptions.RemoveEmptyEntries))
                        {
                            var kv = pair.Split('=', 2);
                            if (kv.Length == 2) properties[kv[0].Trim()] = AzureUnescape(kv[1]);
                        }
                    }
                    commands.Add(new CiCommand(name, properties, AzureUnescape(line.Substring(rb + 1)), line));
                    continue;
                }
                if (line.StartsWith("##[", StringComparison.Ordinal))
                {
                    int rb = line.IndexOf(']');
                    if (rb > 0) commands.Add(new CiCommand("##[" + line.Substring(3, rb - 3), new Dictionary<string, string>(), line.Substring(rb + 1), line));
                }
            }
            return commands;
        }

        private static string AzureUnescape(string text) => Unescape(text, ("%0D", "\r"), ("%0A", "\n"), ("%3B", ";"), ("%5D", "]"), ("%AZP25", "%"));

        private static string Unescape(string text, params (string Token, string Value)[] mappings)
        {
            foreach (var (token, value) in mappings) text = text.Replace(token, value);
            return text;
        }
    }
}
