using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ConfigLint.Core.Model;
using ConfigLint.Core.Suppressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConfigLint.Cli.Commands
{
    /// <summary>
    /// <c>configlint suppress --rule CLxxxx --target T --justification J --owner O [--setting S] [--expires DATE] [--file F]</c>:
    /// appends one entry to <c>configlint.suppressions.yaml</c>, creating it if needed. An existing file is appended to
    /// as text, so its comments, quoting and layout stay exactly as they were.
    /// </summary>
    public sealed class SuppressCommand
    {
        private const string Header =
            "# Accepted ConfigLint findings. Each entry names a rule and a target (a resource's Graph id, its display name,\n" +
            "# or a file glob), optionally one setting, with a justification and an owner; 'expires' (yyyy-MM-dd) makes it lapse.\n";

        private readonly TextWriter _out;
        private readonly TextWriter _err;

        public SuppressCommand(TextWriter output, TextWriter error)
        {
            _out = output;
            _err = error;
        }

        public int Run(string rule, string target, string? setting, string justification, string owner, string? expires, string file)
        {
            if (!RuleIdentifiers.IsWellFormed(rule) && !RuleIdentifiers.IsCustom(rule)) return Usage($"--rule '{rule}' is not a rule ID (CL and four digits, or a custom pack's ID such as ACME001)");
            if (string.IsNullOrWhiteSpace(target)) return Usage("--target must not be empty");
            if (string.IsNullOrWhiteSpace(justification)) return Usage("--justification must not be empty: say why the risk is accepted");
            if (string.IsNullOrWhiteSpace(owner)) return Usage("--owner must not be empty: say who answers for the accepted risk");
            if (expires != null && !DateTime.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return Usage($"--expires '{expires}' is not a date written yyyy-MM-dd");
            }

            string text;
            try
            {
                text = File.Exists(file) ? File.ReadAllText(file) : string.Empty;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Usage($"cannot read {file}: {ex.Message}");
            }
            string newline = text.Contains("\r\n") ? "\r\n" : "\n";

            string updated;
            try
            {
                SuppressionFile.Parse(file, text);
                updated = Append(text, newline, rule, target, setting, justification, owner, expires);
                // Never write a file the next run could not read.
                SuppressionFile.Parse(file, updated);
            }
            catch (SuppressionFileException ex)
            {
                _err.WriteLine($"{ex.Path}({ex.Line},{ex.Column}): error {RuleIdentifiers.InvalidSuppressionFile}: {ex.Reason}");
                return ExitCodes.UsageError;
            }
            catch (InvalidOperationException ex)
            {
                return Usage($"{file}: {ex.Message}");
            }

            try
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(file));
                if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                File.WriteAllText(file, updated, new UTF8Encoding(false));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Usage($"cannot write {file}: {ex.Message}");
            }
            _out.WriteLine($"configlint: suppressed {rule} for '{target}' in {file}");
            return ExitCodes.Success;
        }

        /// <summary>The file's text with the entry added at the end of its <c>suppressions:</c> list.</summary>
        internal static string Append(string text, string newline, string rule, string target, string? setting, string justification, string owner, string? expires)
        {
            int indent = 2;
            var prefix = new StringBuilder(text);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
            YamlNode? list = null;
            if (root != null) root.Children.TryGetValue(new YamlScalarNode("suppressions"), out list);

            if (list is YamlSequenceNode seq && seq.Style == YamlDotNet.Core.Events.SequenceStyle.Flow)
            {
                if (seq.Children.Count > 0) throw new InvalidOperationException("'suppressions' is written as a [flow] list; write it as a block list (one '- ' entry per item) to append to it");
                // "suppressions: []": the empty list becomes the block list that follows.
                prefix.Remove((int)seq.Start.Index, (int)(seq.End.Index - seq.Start.Index));
            }
            else if (list is YamlSequenceNode block && block.Children.Count > 0)
            {
                // The list is the file's only top-level key, so the file's end is inside it: continue at its items' indentation.
                indent = (int)block.Start.Column - 1;
            }
            else if (list == null)
            {
                if (prefix.Length > 0 && !EndsWithNewline(prefix)) prefix.Append(newline);
                if (prefix.Length == 0) prefix.Append(Header.Replace("\n", newline));
                prefix.Append("suppressions:").Append(newline);
            }

            if (prefix.Length > 0 && !EndsWithNewline(prefix)) prefix.Append(newline);
            string pad = new string(' ', indent);
            prefix.Append(pad).Append("- rule: ").Append(rule).Append(newline);
            prefix.Append(pad).Append("  target: ").Append(Quote(target)).Append(newline);
            if (!string.IsNullOrWhiteSpace(setting)) prefix.Append(pad).Append("  setting: ").Append(Quote(setting!)).Append(newline);
            prefix.Append(pad).Append("  justification: ").Append(Quote(justification)).Append(newline);
            prefix.Append(pad).Append("  owner: ").Append(Quote(owner)).Append(newline);
            if (expires != null) prefix.Append(pad).Append("  expires: ").Append(expires).Append(newline);
            return prefix.ToString();
        }

        private static bool EndsWithNewline(StringBuilder text) => text[text.Length - 1] == '\n';

        /// <summary>A YAML double-quoted scalar: whatever the user typed stays one plain string (no tags, no structure).</summary>
        internal static string Quote(string value)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        private int Usage(string message)
        {
            _err.WriteLine($"configlint: error: {message}");
            return ExitCodes.UsageError;
        }
    }
}
