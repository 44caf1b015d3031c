using System;
using System.Collections.Generic;
using System.Linq;

namespace ConfigLint.Core.Model
{
    /// <summary>Everything a front end needs to describe a rule: the same data feeds the console, SARIF and Roslyn.</summary>
    public sealed class RuleDescriptor
    {
        public RuleDescriptor(
            string id,
            string name,
            string title,
            string messageFormat,
            string category,
            Severity defaultSeverity,
            string description,
            string source,
            IEnumerable<string>? tags = null)
        {
            if (!RuleIdentifiers.IsWellFormed(id)) throw new ArgumentException($"rule id '{id}' is not CL followed by four digits", nameof(id));
            Id = id;
            Name = name;
            Title = title;
            MessageFormat = messageFormat;
            Category = category;
            DefaultSeverity = defaultSeverity;
            Description = description;
            Source = source;
            Tags = (tags ?? Enumerable.Empty<string>()).ToArray();
        }

        /// <summary>Stable identifier, <c>CL</c> plus four digits; the range says the category.</summary>
        public string Id { get; }

        /// <summary>Dotted readable name, e.g. <c>Privacy.Windows.DiagnosticDataAboveBasic</c>.</summary>
        public string Name { get; }

        public string Title { get; }
        public string MessageFormat { get; }
        public string Category { get; }
        public Severity DefaultSeverity { get; }
        public string Description { get; }

        /// <summary>What the rule implements: the DPIA risk or recommendation, the security control, the Graph doc.</summary>
        public string Source { get; }

        public IReadOnlyList<string> Tags { get; }

        public string HelpUri => RuleIdentifiers.GetHelpUri(Id);

        public override string ToString() => $"{Id} {Name}";
    }
}
