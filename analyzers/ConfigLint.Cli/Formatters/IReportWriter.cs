using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// A report being written. Reports are streamed: the run calls the writer on one thread, in report order, as the
    /// findings are produced, so memory does not grow with the corpus.
    /// </summary>
    /// <remarks>
    /// The order of the calls:
    /// <list type="number">
    /// <item>Files come in walk order (the ordinal order of their paths). <see cref="File"/> is called for a file,
    /// then <see cref="Finding"/> for each of that file's findings, by line, column and rule ID.</item>
    /// <item>A tenant's cross-file findings (the rules that look at a whole export, e.g. "no branding profile
    /// exported") arrive right after the last file under that tenant's export folder, before the next tenant's
    /// first file, ordered by rule ID; their <see cref="FindingOrigin"/> is anchored to that tenant's first file
    /// (see <see cref="FindingOrigin.IsAnchored"/>).</item>
    /// <item><see cref="End"/> is called once, last, with the counts of the whole run.</item>
    /// </list>
    /// A format that wants another order (the GitHub annotations by severity) keeps what it needs and writes it in
    /// <see cref="End"/>; it must keep its memory bounded.
    /// </remarks>
    public interface IReportWriter
    {
        /// <summary>A file was linted (called before that file's findings).</summary>
        void File(LintedFile file);

        /// <summary>One finding, with its origin computed once for every format.</summary>
        void Finding(Finding finding, FindingOrigin origin);

        /// <summary>Writes the end of the report; nothing is called after it.</summary>
        void End(ReportSummary summary);
    }
}
