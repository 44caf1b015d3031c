using System;
using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>What every format may use before the first finding: the rules, where paths are relative to, the fail level.</summary>
    public sealed class ReportHeader
    {
        public ReportHeader(IReadOnlyList<RuleDescriptor> rules, string root)
        {
            Rules = rules;
            Root = root;
            WorkingDirectory = root;
        }

        public IReadOnlyList<RuleDescriptor> Rules { get; }

        /// <summary>The repository root (see <see cref="RepositoryRoot"/>): report paths are relative to it.</summary>
        public string Root { get; }

        /// <summary>The folder the command ran from (SARIF <c>invocations[].workingDirectory</c>).</summary>
        public string WorkingDirectory { get; init; }

        /// <summary>The exit code is 1 when a finding is at or above this level; null for <c>--fail-level none</c>.</summary>
        public Severity? FailLevel { get; init; } = Severity.Warning;

        /// <summary><c>--quiet</c>: the formats for people print only findings at or above the fail level.</summary>
        public bool Quiet { get; init; }

        /// <summary>When the run started (SARIF invocation start time).</summary>
        public DateTimeOffset StartTime { get; init; } = DateTimeOffset.UtcNow;

        /// <summary>The command-line arguments, as given (SARIF invocation).</summary>
        public IReadOnlyList<string> Arguments { get; init; } = Array.Empty<string>();

        /// <summary>SARIF <c>automationDetails.id</c> set with <c>--automation-id</c>; null for the default <c>configlint/&lt;tenant&gt;/</c>.</summary>
        public string? AutomationId { get; init; }

        /// <summary>Where help links point (see <see cref="RuleHelp"/>); null means no help link is written.</summary>
        public string? HelpBaseUri { get; init; }

        /// <summary>The process environment as the formats may read it (CI variables, NO_COLOR, terminal).</summary>
        public OutputEnvironment Environment { get; init; } = OutputEnvironment.None;

        /// <summary>Warnings about the configuration written before the report (SARIF <c>toolConfigurationNotifications</c>).</summary>
        public NotificationLog Notifications { get; init; } = new NotificationLog();

        /// <summary>Which rules apply to which resources (JUnit lists a case per checked resource).</summary>
        public RuleApplicability? Applicability { get; init; }

        /// <summary>True when a finding of this severity is at or above the fail level.</summary>
        public bool Fails(Severity severity) => FailLevel != null && severity != Severity.None && severity >= FailLevel.Value;

        /// <summary>True when <c>--quiet</c> hides a finding of this severity from the formats for people.</summary>
        public bool HiddenByQuiet(Severity severity) => Quiet && !Fails(severity);

        public static string ToolVersion => typeof(ReportHeader).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
