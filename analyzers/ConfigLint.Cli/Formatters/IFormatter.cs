using System.IO;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// One output format, named by <c>--format</c> and listed in <see cref="FormatterRegistry"/>. Adding a format is
    /// one file here, one line in the registry and one line in the README's format list (a test checks the README).
    /// </summary>
    public interface IFormatter
    {
        /// <summary>The name used with <c>--format</c>.</summary>
        string Name { get; }

        /// <summary>Starts a report on <paramref name="writer"/> (the header, if the format has one).</summary>
        IReportWriter Open(ReportHeader header, TextWriter writer);
    }
}
