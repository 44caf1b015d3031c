using System;
using System.Collections.Generic;
using System.Linq;

namespace ConfigLint.Core.Model
{
    /// <summary>
    /// What a severity promises (written once, here):
    /// <list type="bullet">
    /// <item><b>Error</b>: block the pipeline; the input is broken or the risk is certain, with no known false positive.</item>
    /// <item><b>Warning</b>: very likely wrong; fails a pipeline by default.</item>
    /// <item><b>Suggestion</b>: opinionated advice (the C# compiler's "suggestion", its Info level); never fails by default.</item>
    /// <item><b>Info</b>: a note, e.g. "could not be verified" or "not checkable offline"; never a verdict.</item>
    /// <item><b>None</b>: not reported.</item>
    /// </list>
    /// </summary>
    public enum Severity
    {
        None = 0,
        Info = 1,
        Suggestion = 2,
        Warning = 3,
        Error = 4,
    }

    /// <summary>How one severity is written in each vocabulary ConfigLint writes (one row per severity).</summary>
    public sealed class SeverityWords
    {
        internal SeverityWords(Severity severity, string name, string sarifLevel, string buildWord, string annotation)
        {
            Severity = severity;
            Name = name;
            SarifLevel = sarifLevel;
            BuildWord = buildWord;
            Annotation = annotation;
        }

        public Severity Severity { get; }

        /// <summary>ConfigLint's own word (JSON output, rule packs, settings, <c>--fail-level</c>).</summary>
        public string Name { get; }

        /// <summary>SARIF <c>level</c> (and what <c>dotnet build -p:ErrorLog</c> writes).</summary>
        public string SarifLevel { get; }

        /// <summary>The MSBuild canonical-line word that editors and problem matchers know (<c>error</c>, <c>warning</c>, <c>info</c>).</summary>
        public string BuildWord { get; }

        /// <summary>GitHub Actions workflow-command name (<c>error</c>, <c>warning</c>, <c>notice</c>).</summary>
        public string Annotation { get; }
    }

    /// <summary>
    /// The one table of severity words: how severities are written (<see cref="Words"/>) and how configured values
    /// are read (<see cref="TryParseSetting"/>). The engine, the rule packs, every formatter, the CLI and the
    /// build analyzer all go through it, so a word cannot mean one thing in one channel and another in the other.
    /// </summary>
    public static class SeverityNames
    {
        private static readonly SeverityWords[] Table =
        {
            new SeverityWords(Severity.None, "none", "none", "none", "none"),
            new SeverityWords(Severity.Info, "info", "note", "info", "notice"),
            new SeverityWords(Severity.Suggestion, "suggestion", "note", "info", "notice"),
            new SeverityWords(Severity.Warning, "warning", "warning", "warning", "warning"),
            new SeverityWords(Severity.Error, "error", "error", "error", "error"),
        };

        /// <summary>
        /// The values a severity setting accepts (<c>configlint.severity.ID</c>, the compiler's per-rule severity key,
        /// the settings file). A null severity is <c>default</c>: the rule's own severity.
        /// <para>
        /// <c>silent</c> and <c>hidden</c> are the C# compiler's words for a diagnostic that is computed but shown nowhere (no
        /// build line, no Error List entry, no SARIF result). ConfigLint has nowhere to show such a finding either, in
        /// the CLI or the build, so both words mean what <c>none</c> means: the finding is not reported. Both channels
        /// read them from this table, so they agree.
        /// </para>
        /// </summary>
        private static readonly (string Word, Severity? Severity)[] SettingWords =
        {
            ("error", Severity.Error),
            ("warning", Severity.Warning),
            ("suggestion", Severity.Suggestion),
            ("info", Severity.Info),
            ("silent", Severity.None),
            ("hidden", Severity.None),
            ("none", Severity.None),
            ("default", null),
        };

        /// <summary>Every accepted setting word, for messages and schemas.</summary>
        public static IReadOnlyList<string> SettingValues { get; } = SettingWords.Select(w => w.Word).ToArray();

        /// <summary>The accepted setting words as a phrase ("error, warning, ... or default").</summary>
        public static string SettingValuesText { get; } =
            string.Join(", ", SettingValues.Take(SettingValues.Count - 1)) + " or " + SettingValues[SettingValues.Count - 1];

        public static SeverityWords Words(this Severity severity) => Table[Math.Max(0, Math.Min((int)severity, Table.Length - 1))];

        public static string ToName(this Severity severity) => severity.Words().Name;

        /// <summary>
        /// Reads a configured severity: true with null for <c>default</c> (keep the rule's severity), true with a value
        /// for the other words, false for anything else. Case and surrounding spaces do not matter.
        /// </summary>
        public static bool TryParseSetting(string? text, out Severity? severity)
        {
            var word = (text ?? string.Empty).Trim();
            foreach (var entry in SettingWords)
            {
                if (string.Equals(entry.Word, word, StringComparison.OrdinalIgnoreCase))
                {
                    severity = entry.Severity;
                    return true;
                }
            }
            severity = null;
            return false;
        }

        /// <summary>Reads a concrete severity (a rule pack's default, a fail level): a setting word other than <c>default</c>.</summary>
        public static bool TryParse(string? text, out Severity severity)
        {
            if (TryParseSetting(text, out var parsed) && parsed != null)
            {
                severity = parsed.Value;
                return true;
            }
            severity = Severity.None;
            return false;
        }

        public static Severity Parse(string text) =>
            TryParse(text, out var s) ? s : throw new FormatException($"unknown severity '{text}'; expected error, warning, suggestion, info or none");
    }
}
