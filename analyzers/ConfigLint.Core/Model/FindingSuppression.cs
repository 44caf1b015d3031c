namespace ConfigLint.Core.Model
{
    /// <summary>
    /// Why a finding is accepted: the suppressions-file entry that matched it, with its justification and owner, so
    /// reports keep the finding visible (SARIF <c>suppressions</c>, JSON <c>suppressed</c>) for an auditor.
    /// </summary>
    public sealed class FindingSuppression
    {
        public FindingSuppression(string justification, string owner, string? expires, string file, int line)
        {
            Justification = justification;
            Owner = owner;
            Expires = expires;
            File = file;
            Line = line;
        }

        public string Justification { get; }
        public string Owner { get; }

        /// <summary>The entry's expiry date as written (yyyy-MM-dd), or null when it does not expire.</summary>
        public string? Expires { get; }

        /// <summary>The suppressions file and the 1-based line of the entry.</summary>
        public string File { get; }

        public int Line { get; }
    }

    /// <summary>A finding compared with a known-findings baseline (SARIF <c>result.baselineState</c>).</summary>
    public enum BaselineState
    {
        /// <summary>Not in the baseline: it fails the run as usual.</summary>
        New,

        /// <summary>In the baseline: reported, but it does not fail the run.</summary>
        Unchanged,

        /// <summary>In the baseline but no longer found (fixed).</summary>
        Absent,
    }
}
