using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace ConfigLint.Configuration.Settings
{
    /// <summary>
    /// When each rule came, from Roslyn-style release tracking (rules/AnalyzerReleases.*.md, embedded): a row under
    /// <c>## Release X.Y</c> in the shipped file came in X.Y; a row in the unshipped file comes with this build's version.
    /// </summary>
    public sealed class ReleaseTable
    {
        private static readonly Regex Row = new Regex(@"^(CL\d{4})\s*\|", RegexOptions.CultureInvariant);
        private static readonly Regex Release = new Regex(@"^##\s*Release\s+([0-9][0-9.]*)", RegexOptions.CultureInvariant);

        private readonly Dictionary<string, Version> _introduced = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);

        public ReleaseTable(string shipped, string unshipped, Version current)
        {
            Version? release = null;
            foreach (var line in Lines(shipped))
            {
                var header = Release.Match(line);
                if (header.Success) { release = Version.Parse(Normalize(header.Groups[1].Value)); continue; }
                var row = Row.Match(line);
                if (row.Success && release != null) _introduced[row.Groups[1].Value] = release;
            }
            foreach (var line in Lines(unshipped))
            {
                var row = Row.Match(line);
                if (row.Success && !_introduced.ContainsKey(row.Groups[1].Value)) _introduced[row.Groups[1].Value] = current;
            }
        }

        /// <summary>The release table of this build (embedded from rules/AnalyzerReleases.*.md).</summary>
        public static ReleaseTable Current { get; } = new ReleaseTable(
            Resource("AnalyzerReleases.Shipped.md"), Resource("AnalyzerReleases.Unshipped.md"),
            typeof(ReleaseTable).Assembly.GetName().Version ?? new Version(0, 0));

        /// <summary>The release a rule came in, or null for rules the table does not track (custom packs).</summary>
        public Version? IntroducedIn(string ruleId) => _introduced.TryGetValue(ruleId, out var v) ? v : null;

        /// <summary>Whether a rule came after a pinned version (compared on major.minor[.build] as written in the pin).</summary>
        public bool IsNewerThan(string ruleId, Version pin)
        {
            var introduced = IntroducedIn(ruleId);
            if (introduced == null) return false;
            var comparable = pin.Build < 0 ? new Version(introduced.Major, introduced.Minor) : pin.Revision < 0 ? new Version(introduced.Major, introduced.Minor, Math.Max(0, introduced.Build)) : introduced;
            return comparable > pin;
        }

        private static string Normalize(string version) => version.Contains(".") ? version.TrimEnd('.') : version + ".0";

        private static IEnumerable<string> Lines(string text) => text.Replace("\r", string.Empty).Split('\n');

        private static string Resource(string name)
        {
            using var stream = typeof(ReleaseTable).Assembly.GetManifestResourceStream("ConfigLint.Configuration." + name);
            if (stream == null) return string.Empty;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
