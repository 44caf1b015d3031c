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
            IEnumerable<string>? tags = null,
            string? helpUri = null)
        {
            if (!RuleIdentifiers.IsWellFormed(id) && !(helpUri != null && RuleIdentifiers.IsCustom(id)))
            {
                throw new ArgumentException($"rule id '{id}' is not CL followed by four digits", nameof(id));
            }
            _helpUri = helpUri;
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

        private readonly string? _helpUri;

        /// <summary>The rule's documentation: computed for ConfigLint's rules, the pack's own link for a custom rule.</summary>
        public string HelpUri => _helpUri ?? RuleIdentifiers.GetHelpUri(Id);

        /// <summary>True for a rule from a user's rule pack (its own ID prefix and doc link).</summary>
        public bool IsCustom => _helpUri != null;

        public override string ToString() => $"{Id} {Name}";
    }
}
