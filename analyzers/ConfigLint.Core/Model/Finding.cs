using System;
using System.Collections.Generic;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Model
{
    /// <summary>One reported diagnostic: a rule, its effective severity, the message and where.</summary>
    public sealed class Finding
    {
        public Finding(RuleDescriptor rule, Severity severity, string message, SourceLocation? location)
        {
            Rule = rule;
            Severity = severity;
            Message = message;
            Location = location;
        }

        public RuleDescriptor Rule { get; }
        public string RuleId => Rule.Id;
        public Severity Severity { get; }
        public string Message { get; }

        /// <summary>Null for tenant-level findings that belong to no file (e.g. "no branding profile exported").</summary>
        public SourceLocation? Location { get; }

        public override string ToString() =>
            Location == null ? $"configlint: {Severity.ToName()} {RuleId}: {Message}" : $"{Location}: {Severity.ToName()} {RuleId}: {Message}";

        /// <summary>Deterministic report order: file, line, column, rule ID; findings without a file last.</summary>
        public static readonly IComparer<Finding> ReportOrder = Comparer<Finding>.Create((a, b) =>
        {
            if (a.Location == null || b.Location == null)
            {
                if (a.Location != null) return -1;
                if (b.Location != null) return 1;
            }
            else
            {
                int c = string.CompareOrdinal(a.Location.Path, b.Location.Path);
                if (c != 0) return c;
                c = a.Location.Start.CompareTo(b.Location.Start);
                if (c != 0) return c;
            }
            int id = string.CompareOrdinal(a.RuleId, b.RuleId);
            return id != 0 ? id : string.CompareOrdinal(a.Message, b.Message);
        });
    }
}
