using System;
using System.Collections.Generic;
using System.Linq;

namespace ConfigLint.Core.Model
{
    /// <summary>Everything a front end needs to describe a rule: the same data feeds the console, SARIF and the build analyzer.</summary>
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
            Id = id;
            Name = name;
            Title = title;
            try
            {
                Message = MessageTemplate.Parse(messageFormat);
            }
            catch (FormatException ex)
            {
                throw new ArgumentException($"rule {id}: {ex.Message}", ex);
            }
            Category = category;
            DefaultSeverity = defaultSeverity;
            Description = description;
            Source = source;
            Tags = (tags ?? Enumerable.Empty<string>()).ToArray();
            HelpUri = helpUri ?? string.Empty;
        }

        /// <summary>Stable identifier, <c>CL</c> plus four digits; the range says the category.</summary>
        public string Id { get; }

        /// <summary>Dotted readable name, e.g. <c>Privacy.Windows.DiagnosticDataAboveBasic</c>.</summary>
        public string Name { get; }

        public string Title { get; }
        /// <summary>The message with named placeholders, e.g. <c>{resource}</c>; the pack validates them when it loads.</summary>
        public MessageTemplate Message { get; }

        /// <summary>The message template as written.</summary>
        public string MessageFormat => Message.Text;
        public string Category { get; }
        public Severity DefaultSeverity { get; }
        public string Description { get; }

        /// <summary>What the rule implements: the DPIA risk or recommendation, the security control, the API documentation.</summary>
        public string Source { get; }

        public IReadOnlyList<string> Tags { get; }

        /// <summary>The rule's documentation page, as the pack that defines the rule computes it (empty when it has none).</summary>
        public string HelpUri { get; }

        /// <summary>True for a rule from a user's rule pack: its own ID prefix and doc link.</summary>
        public bool IsCustom => !RuleIdentifiers.IsWellFormed(Id);

        public override string ToString() => $"{Id} {Name}";
    }
}
