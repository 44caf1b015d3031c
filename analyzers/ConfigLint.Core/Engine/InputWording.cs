using System;
using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// How the engine's input diagnostics speak of resources, so that a pack can say them in its own terms (what kind of
    /// object could not be typed, and what a list element should have been). Each text is a <see cref="MessageTemplate"/>.
    /// </summary>
    public sealed class InputWording
    {
        /// <summary>Placeholders the wording templates may use: <c>{count}</c> objects or elements, the first one's <c>{kind}</c>.</summary>
        public static IReadOnlyList<string> Placeholders { get; } = new[] { "count", "kind" };

        /// <summary>Neutral wording, for packs that bring none.</summary>
        public static InputWording Generic { get; } = new InputWording();

        /// <summary>Computes a rule's help link from its ID (empty: no link).</summary>
        public Func<string, string> HelpUri { get; set; } = _ => string.Empty;

        public string UnknownTypeTitle { get; set; } = "The resource type could not be told";

        public string UnknownTypeDescription { get; set; } = "Nothing in the object, its file or its folder says what kind of resource it is, so no rule could check it.";

        /// <summary>One object of a file could not be typed.</summary>
        public string UnknownTypeOne { get; set; } = "could not tell which resource this object is";

        /// <summary>Several objects of a file could not be typed: <c>{count}</c>.</summary>
        public string UnknownTypeMany { get; set; } = "could not tell which resources the {count} objects in this file are";

        /// <summary>One element of a list is a <c>{kind}</c>, not an object.</summary>
        public string NotObjectOne { get; set; } = "an element of this list is a {kind}, not an object";

        /// <summary><c>{count}</c> elements of a list are not objects; the first is a <c>{kind}</c>.</summary>
        public string NotObjectMany { get; set; } = "{count} elements of this list are not objects (the first is a {kind})";

        /// <summary>The whole file is one <c>{kind}</c> value.</summary>
        public string ScalarRoot { get; set; } = "the file holds a single {kind} value, not an object or list";

        /// <summary>Every template, by name, for validation.</summary>
        public IEnumerable<(string Name, string Text)> Templates()
        {
            yield return (nameof(UnknownTypeOne), UnknownTypeOne);
            yield return (nameof(UnknownTypeMany), UnknownTypeMany);
            yield return (nameof(NotObjectOne), NotObjectOne);
            yield return (nameof(NotObjectMany), NotObjectMany);
            yield return (nameof(ScalarRoot), ScalarRoot);
        }
    }
}
