using ConfigLint.Core.Engine;

namespace ConfigLint.Rules.Typing
{
    /// <summary>The engine's input diagnostics in Intune's terms: Graph objects, <c>@odata.type</c>, export folders.</summary>
    public static class IntuneWording
    {
        private const string Evidence = "(no usable @odata.type, and neither @odata.context, shape nor folder name identifies it)";

        public static InputWording Instance { get; } = new InputWording
        {
            HelpUri = PackIdentifiers.GetHelpUri,
            UnknownTypeTitle = "The Intune resource type could not be told",
            UnknownTypeDescription = "The JSON has no @odata.type and neither its shape, its @odata.context nor its folder says which Intune object it is, so no rule could check it.",
            UnknownTypeOne = "could not tell which Intune resource this object is " + Evidence,
            UnknownTypeMany = "could not tell which Intune resources the {count} objects in this file are " + Evidence,
            NotObjectOne = "an element of this list is a {kind}, not a Graph object",
            NotObjectMany = "{count} elements of this list are not Graph objects (the first is a {kind})",
            ScalarRoot = "the file holds a single {kind} value, not a Graph object or list",
        };
    }
}
