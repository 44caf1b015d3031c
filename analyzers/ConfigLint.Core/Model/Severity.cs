using System;

namespace ConfigLint.Core.Model
{
    /// <summary>
    /// What a severity promises (written once, here):
    /// <list type="bullet">
    /// <item><b>Error</b>: block the pipeline; the input is broken or the risk is certain, with no known false positive.</item>
    /// <item><b>Warning</b>: very likely wrong; fails a pipeline by default.</item>
    /// <item><b>Suggestion</b>: opinionated advice (Roslyn "suggestion"/Info); never fails by default.</item>
    /// <item><b>Info</b>: a note, e.g. "could not be verified" or "not checkable offline"; never a verdict.</item>
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

    public static class SeverityNames
    {
        public static string ToName(this Severity severity) => severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            Severity.Suggestion => "suggestion",
            Severity.Info => "info",
            _ => "none",
        };

        /// <summary>Parses the names used by ConfigLint, Roslyn (.editorconfig) and SARIF.</summary>
        public static bool TryParse(string? text, out Severity severity)
        {
            switch ((text ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "error": severity = Severity.Error; return true;
                case "warning": case "warn": severity = Severity.Warning; return true;
                case "suggestion": case "note": severity = Severity.Suggestion; return true;
                case "info": case "information": case "informational": case "silent": severity = Severity.Info; return true;
                case "none": case "off": severity = Severity.None; return true;
                default: severity = Severity.None; return false;
            }
        }

        public static Severity Parse(string text) =>
            TryParse(text, out var s) ? s : throw new FormatException($"unknown severity '{text}'; expected error, warning, suggestion, info or none");
    }
}
