using System.Collections.Generic;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>What the engine knows about one object before it is typed.</summary>
    public sealed class ResourceCandidate
    {
        public ResourceCandidate(JsonDocument document, JsonObject node, string? collection, bool inCollection)
        {
            Document = document;
            Node = node;
            Collection = collection;
            InCollection = inCollection;
        }

        public JsonDocument Document { get; }
        public JsonObject Node { get; }

        /// <summary>The collection the export says the object (or its list) came from, if it says so.</summary>
        public string? Collection { get; }

        /// <summary>True for an element of a list.</summary>
        public bool InCollection { get; }

        public string Path => Document.Path;
    }

    /// <summary>What a whole file is, as told by the pack before resources are read from it.</summary>
    public enum DocumentRole
    {
        /// <summary>Configuration resources: lint them.</summary>
        Resources,

        /// <summary>A known companion file (assignment lists, migration tables, reports): understood, nothing to lint.</summary>
        Companion,
    }

    /// <summary>
    /// The pack's knowledge of export layouts: which files are companions, how a file wraps its objects, how to type
    /// and name an object, which tenant export a file belongs to, and how input problems are worded.
    /// </summary>
    public interface IResourceTyper
    {
        /// <summary>Input-diagnostic wording in the pack's own terms; validated when the pack loads.</summary>
        InputWording Wording { get; }

        DocumentRole ClassifyDocument(JsonDocument document);

        /// <summary>True when an empty file at this path is a meaningful companion (e.g. "no assignments"), not an error.</summary>
        bool AllowsEmpty(string path);

        /// <summary>
        /// Splits a parsed document into the objects that may be resources, unwrapping the export's list and envelope
        /// shapes (<see cref="DocumentSplit.Plain"/> is the split of a plain object or array).
        /// </summary>
        DocumentSplit Split(JsonDocument document);

        /// <summary>The properties that name a resource of this type (null: untyped), first present wins.</summary>
        IReadOnlyList<string> NameProperties(string? type);

        /// <summary>The type of an object, with its evidence, or null when nothing tells it. Asked once per object.</summary>
        (string Type, TypeEvidence Evidence)? InferType(ResourceCandidate candidate);

        /// <summary>
        /// The folder holding the one tenant's export this file belongs to: the path up to (not including) a separator,
        /// or empty. Tenant rules see one scope at a time, so a run over many tenants judges each on its own. Every
        /// file of a scope lies under its folder, which lets a run over files in folder order complete a scope (and
        /// free its state) as soon as the walk leaves that folder.
        /// </summary>
        string TenantScope(string path);
    }

    /// <summary>One appearance of a setting in a resource, in whatever form the export wrote it.</summary>
    public sealed class SettingOccurrence
    {
        public SettingOccurrence(Resource resource, string form, string key, string? value, string? raw, JsonNode valueNode, IReadOnlyList<string>? values = null, string? keyAsWritten = null)
        {
            KeyAsWritten = keyAsWritten ?? key;
            Resource = resource;
            Form = form;
            Key = key;
            Value = value;
            Raw = raw;
            ValueNode = valueNode;
            Values = values;
        }

        public Resource Resource { get; }

        /// <summary>The form's name, e.g. <c>property</c> or an extractor's form.</summary>
        public string Form { get; }

        /// <summary>The key in that form, normalized: a property path, or the extractor's key.</summary>
        public string Key { get; }

        /// <summary>The key as the file spells it, for messages.</summary>
        public string KeyAsWritten { get; }

        /// <summary>The value normalized by the extractor (e.g. a choice option's suffix <c>3</c>).</summary>
        public string? Value { get; }

        /// <summary>The value as written in the file.</summary>
        public string? Raw { get; }

        /// <summary>For collections: every item's normalized value.</summary>
        public IReadOnlyList<string>? Values { get; }

        public JsonNode ValueNode { get; }

        /// <summary>Where the value is, about this setting (<c>form:key</c>), so findings on it keep one identity however the file is laid out.</summary>
        /// <remarks>Computed once: several rules may ask for it (CL3003 keeps one per place it compares).</remarks>
        public SourceLocation Location => _location ??= Resource.GetLocation(ValueNode, Form + ":" + Key);

        private SourceLocation? _location;
    }

    /// <summary>Reads the settings of one form (a pack's nested setting list) out of a resource.</summary>
    public interface ISettingExtractor
    {
        /// <summary>The form name that setting definitions refer to.</summary>
        string Form { get; }

        /// <summary>Human wording of a key in this form, for messages, e.g. "Catalog setting 'x'".</summary>
        string Describe(string key);

        /// <summary>Normalizes a key so lookups match however the export spelled it.</summary>
        string NormalizeKey(string key);

        /// <summary>Yields every setting of this form in the resource; keys must already be normalized.</summary>
        IEnumerable<SettingOccurrence> Extract(Resource resource);
    }

    /// <summary>Receives findings from rules; severity overrides and suppressions are applied by the engine.</summary>
    public interface IFindingSink
    {
        /// <summary>Reports a finding whose message is the rule's template filled with <paramref name="args"/>.</summary>
        void Report(RuleDescriptor rule, SourceLocation? location, MessageArgs? args = null);
    }

    /// <summary>A rule written in C# that looks at one resource at a time.</summary>
    public abstract class ResourceRule
    {
        public abstract IReadOnlyList<RuleDescriptor> Descriptors { get; }

        /// <summary>Resource types the rule applies to; null means every typed resource.</summary>
        public virtual IReadOnlyCollection<string>? Types => null;

        /// <summary>The rule options (<c>options:</c> in a pack) the rule reads; the pack checks that each is declared.</summary>
        public virtual IReadOnlyList<string> OptionNames => System.Array.Empty<string>();

        public abstract void Analyze(Resource resource, IFindingSink sink);

        /// <summary>What the engine calls: a rule with thresholds overrides it to read the run's <paramref name="options"/>.</summary>
        public virtual void Analyze(Resource resource, IFindingSink sink, ConfigLint.Core.Rules.RuleOptions options) => Analyze(resource, sink);
    }

    /// <summary>
    /// A rule that looks across all resources of one tenant's export (e.g. "no branding profile exported"). The engine
    /// keeps one state per tenant scope (<see cref="IResourceTyper.TenantScope"/>) and completes it when the scope's
    /// files are done; findings without a location are attributed to that scope.
    /// </summary>
    public abstract class TenantRule
    {
        public abstract IReadOnlyList<RuleDescriptor> Descriptors { get; }

        /// <summary>Fresh state for one tenant scope of a run; its Observe is called concurrently from several files.</summary>
        public abstract ITenantRuleState CreateState();
    }

    /// <summary>What the engine saw of one parsed file, for tenant rules that need more than its resources.</summary>
    public sealed class DocumentFacts
    {
        public DocumentFacts(JsonDocument document, DocumentRole role, string? collection, string? collectionType, int resourceCount)
        {
            Document = document;
            Role = role;
            Collection = collection;
            CollectionType = collectionType;
            ResourceCount = resourceCount;
        }

        public JsonDocument Document { get; }
        public DocumentRole Role { get; }

        /// <summary>The collection the file says it holds (<see cref="DocumentSplit.Collection"/>).</summary>
        public string? Collection { get; }

        /// <summary>The type the collection holds, when the pack knows it; set even for an empty list.</summary>
        public string? CollectionType { get; }

        public int ResourceCount { get; }
        public string Path => Document.Path;
    }

    /// <summary>
    /// Optional for a tenant rule's state: also sees every parsed file, companions and empty pages included
    /// (an exported but empty list is evidence; some export tools keep assignments in companion files).
    /// </summary>
    public interface IDocumentObserver
    {
        /// <summary>Called concurrently, once per parsed file, after its resources were observed.</summary>
        void ObserveDocument(DocumentFacts facts);
    }

    public interface ITenantRuleState
    {
        /// <summary>Called for each resource of the run; must be thread-safe and keep only small facts.</summary>
        void Observe(Resource resource);

        void Complete(IFindingSink sink);
    }

    /// <summary>
    /// Optional for a tenant rule's state: takes in another state of the same rule, as if this state had observed what
    /// that one did. The engine uses it when a folder it first judged as a tenant of its own turns out, from what its
    /// files hold, to be one object type's folder of the enclosing export (<see cref="IScopeInference"/>). A scope
    /// whose rules are not all mergeable is never folded.
    /// </summary>
    public interface IMergeableTenantRuleState
    {
        /// <summary>
        /// Adds <paramref name="other"/> (created by the same rule, no longer observed) to this state. Called while this
        /// state may still be observed from other threads.
        /// </summary>
        void Absorb(ITenantRuleState other);
    }

    /// <summary>
    /// Optional for a pack's <see cref="IResourceTyper"/>: lets the engine decide a tenant scope from what its files hold
    /// as well as from folder names. Export tools put each object type in its own folder; a folder the names did not
    /// tell is such a folder when every file directly in it holds objects of one kind and none holds a whole export
    /// (a list of a whole collection). Its scope is then folded into the enclosing one, once all of its files are read:
    /// no file is read twice, and results still stream in folder order.
    /// </summary>
    public interface IScopeInference
    {
        /// <summary>
        /// The scope a scope would belong to if its folder were an object-type folder (the scope of a file lying
        /// directly in the folder's parent), or null when the scope stays as it is (declared by the user, or no parent).
        /// </summary>
        string? EnclosingScope(string scope);

        /// <summary>The object kind a resource shows for its folder (one per object-type folder), or null when it tells nothing.</summary>
        string? ObjectKind(Resource resource);

        /// <summary>True when the document is a whole export of its own (e.g. a list page of a collection), so its folder is no object-type folder.</summary>
        bool HoldsWholeExport(DocumentFacts facts);
    }
}
