using System;
using System.Collections.Generic;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>The report options of <c>configlint lint</c> (<c>--root</c>, <c>--quiet</c>, <c>--automation-id</c>, <c>--help-base-uri</c>) and the environment.</summary>
    public sealed class ReportSettings
    {
        /// <summary><c>--root</c>; null to find the repository root (see <see cref="RepositoryRoot"/>).</summary>
        public string? Root { get; init; }

        public bool Quiet { get; init; }

        public string? AutomationId { get; init; }

        /// <summary><c>--help-base-uri</c>; null to use the settings key <c>configlint.help_base_uri</c> if any.</summary>
        public string? HelpBaseUri { get; init; }

        public OutputEnvironment Environment { get; init; } = OutputEnvironment.None;

        public IReadOnlyList<string> Arguments { get; init; } = Array.Empty<string>();
    }
}
