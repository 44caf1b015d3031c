using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// Colour by severity for a terminal (SGR codes every terminal since the VT100 knows). Hand-written rather than
    /// Spectre.Console: four colours do not earn a library's start-up cost (README, "Console for people").
    /// </summary>
    public static class Ansi
    {
        private const string Reset = "\u001b[0m";

        public static string Code(Severity severity) => severity switch
        {
            Severity.Error => "\u001b[1;31m",
            Severity.Warning => "\u001b[33m",
            Severity.Suggestion => "\u001b[36m",
            _ => "\u001b[2m",
        };

        public static string Color(Severity severity, string text) => Code(severity) + text + Reset;

        public static string Bold(string text) => "\u001b[1m" + text + Reset;

        public static string Dim(string text) => "\u001b[2m" + text + Reset;
    }
}
