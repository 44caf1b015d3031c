using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Engine
{
    /// <summary>The engine's own diagnostics: problems with the input itself, and internal failures.</summary>
    public sealed class EngineDiagnostics
    {
        private const string InputSource = "ConfigLint input handling: every bad input gets a clear error and the run goes on";

        /// <summary>The diagnostics with neutral wording (for a host whose pack failed to load).</summary>
        public static EngineDiagnostics Generic { get; } = new EngineDiagnostics(InputWording.Generic);

        /// <summary>The diagnostics in a pack's wording; throws <see cref="InvalidOperationException"/> for a malformed wording template.</summary>
        public EngineDiagnostics(InputWording wording)
        {
            UnknownTypeOne = Template(wording, nameof(InputWording.UnknownTypeOne), wording.UnknownTypeOne);
            UnknownTypeMany = Template(wording, nameof(InputWording.UnknownTypeMany), wording.UnknownTypeMany);
            NotObjectOne = Template(wording, nameof(InputWording.NotObjectOne), wording.NotObjectOne);
            NotObjectMany = Template(wording, nameof(InputWording.NotObjectMany), wording.NotObjectMany);
            ScalarRoot = Template(wording, nameof(InputWording.ScalarRoot), wording.ScalarRoot);

            InvalidJson = Input(wording, RuleIdentifiers.InvalidJson, "Input.InvalidJson", "The file is not valid JSON",
                "invalid {language} at line {line}, column {column}: {reason}", Severity.Error,
                "The file could not be parsed as JSON or YAML (malformed, truncated, or with text after the end): nothing in it was checked. A departure whose intent is clear (comment, trailing comma, single quotes, raw control character) is reported and the content still checked.");
            EmptyFile = Input(wording, RuleIdentifiers.EmptyFile, "Input.EmptyFile", "The file is empty",
                "the file is empty; expected a JSON object or array (an interrupted export?)", Severity.Error,
                "The file holds no JSON value at all, which usually means an export was interrupted.");
            UnreadableFile = Input(wording, RuleIdentifiers.UnreadableFile, "Input.UnreadableFile", "The file cannot be read",
                "cannot read the file: {reason}", Severity.Error,
                "The file could not be opened or its bytes are not valid text in any supported encoding.");
            UnknownResourceType = Input(wording, RuleIdentifiers.UnknownResourceType, "Input.UnknownResourceType", wording.UnknownTypeTitle,
                "{problem}; not checked", Severity.Info, wording.UnknownTypeDescription);
            InternalError = new RuleDescriptor(
                id: RuleIdentifiers.InternalError,
                name: "Internal.RuleFailure",
                title: "A rule failed on this input",
                messageFormat: "{failure}: {error}",
                category: "Internal",
                defaultSeverity: Severity.Error,
                description: "A rule threw an exception on this resource. The rest of the run went on; please report the input that caused it.",
                source: "ConfigLint engine",
                helpUri: wording.HelpUri(RuleIdentifiers.InternalError));

            NotARegularFile = Input(wording, RuleIdentifiers.NotARegularFile, "Input.NotARegularFile", "The entry is not a regular file and was not read",
                "skipped: {reason}", Severity.Info,
                "A folder walk met a FIFO (named pipe), socket or device with an export's name. Reading one can block forever or never end, so it is skipped and named here instead.");

            SingleElementListAsObject = Input(wording, RuleIdentifiers.SingleElementListAsObject, "Input.SingleElementListAsObject",
                "An object is written where a list belongs and was read as a list of one",
                "'{property}' holds an object where a list belongs (a one-element list written as its element, as Windows PowerShell 5.1 ConvertTo-Json does); read as a list of one{others}",
                Severity.Info,
                "A property that holds a list in the schema holds a single object, as Windows PowerShell 5.1 ConvertTo-Json writes one-element arrays. The object was read as a one-element list and checked.");

            RegexTimeout = new RuleDescriptor(
                id: RuleIdentifiers.RegexTimeout,
                name: "Input.RuleRegexTimeout",
                title: "A rule's regular expression timed out",
                messageFormat: "{failure}: {error}; simplify the pattern (avoid nested quantifiers such as (a+)+)",
                category: "Input",
                defaultSeverity: Severity.Warning,
                description: "A 'matches' condition took longer than its time limit on a value, so the rule was not checked on that resource. Simplify the pattern.",
                source: "ConfigLint input handling: a user's rule pack cannot hang a run",
                helpUri: wording.HelpUri(RuleIdentifiers.RegexTimeout));
            var adoption = new Suppressions.AdoptionDiagnostics(wording.HelpUri);
            SuppressionExpired = adoption.SuppressionExpired;
            SuppressionUnused = adoption.SuppressionUnused;
            InvalidSuppressionFile = adoption.InvalidSuppressionFile;
            Adoption = adoption;

            All = new[] { InvalidJson, EmptyFile, UnreadableFile, UnknownResourceType, NotARegularFile, SingleElementListAsObject, InternalError, RegexTimeout, SuppressionExpired, SuppressionUnused, InvalidSuppressionFile };
        }

        public RuleDescriptor InvalidJson { get; }
        public RuleDescriptor EmptyFile { get; }
        public RuleDescriptor UnreadableFile { get; }
        public RuleDescriptor UnknownResourceType { get; }
        public RuleDescriptor NotARegularFile { get; }
        public RuleDescriptor SingleElementListAsObject { get; }
        public RuleDescriptor InternalError { get; }

        /// <summary>A 'matches' condition of a (user's) rule ran out of time on a value (CL0023).</summary>
        public RuleDescriptor RegexTimeout { get; }

        /// <summary>The suppressions file's diagnostics (CL0020-CL0022), in the pack's help links.</summary>
        public Suppressions.AdoptionDiagnostics Adoption { get; }

        public RuleDescriptor SuppressionExpired { get; }
        public RuleDescriptor SuppressionUnused { get; }
        public RuleDescriptor InvalidSuppressionFile { get; }
        public IReadOnlyList<RuleDescriptor> All { get; }

        // The pack's wording of CL0004's problem, one template per case.
        internal MessageTemplate UnknownTypeOne { get; }
        internal MessageTemplate UnknownTypeMany { get; }
        internal MessageTemplate NotObjectOne { get; }
        internal MessageTemplate NotObjectMany { get; }
        internal MessageTemplate ScalarRoot { get; }

        private static RuleDescriptor Input(InputWording wording, string id, string name, string title, string message, Severity severity, string description) =>
            new RuleDescriptor(id, name, title, message, "Input", severity, description, InputSource, helpUri: wording.HelpUri(id));

        private static MessageTemplate Template(InputWording wording, string name, string text)
        {
            MessageTemplate template;
            try
            {
                template = MessageTemplate.Parse(text);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"input wording {name}: {ex.Message}", ex);
            }
            var unknown = template.UnknownPlaceholders(InputWording.Placeholders);
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"input wording {name}: unknown placeholder {{{unknown[0]}}}; expected one of {string.Join(", ", InputWording.Placeholders.Select(p => "{" + p + "}"))}");
            }
            return template;
        }
    }
}
