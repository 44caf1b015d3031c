using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// One lint run. Files may be added concurrently; each is parsed once, split into resources, and every
    /// applicable rule runs on the same tree. Tenant rules keep one state per tenant scope (the pack's
    /// <see cref="IResourceTyper.TenantScope"/>) and report when that scope is completed (<see cref="CompleteScope"/>)
    /// or at <see cref="Complete"/>.
    /// </summary>
    public sealed class LintRun
    {
        private readonly LintEngine _engine;
        private readonly object _gate = new object();

        // One set of tenant-rule states per scope, created by the scope's first file and dropped when it completes,
        // so a run over many tenants holds the state of the tenants in progress only.
        private readonly Dictionary<string, Scope> _scopes = new Dictionary<string, Scope>(StringComparer.Ordinal);
        private readonly HashSet<string> _completedScopes = new HashSet<string>(StringComparer.Ordinal);
        private bool _completed;

        internal LintRun(LintEngine engine)
        {
            _engine = engine;
        }

        private sealed class Scope
        {
            public Scope(string name, IReadOnlyList<TenantRule> rules)
            {
                Name = name;
                States = rules.Select(r => (r, r.CreateState())).ToList();
            }

            public string Name { get; }
            public List<(TenantRule Rule, ITenantRuleState State)> States { get; }
        }

        /// <summary>The tenant scope of a path, as the pack tells it.</summary>
        private string ScopeOf(string path) => _engine.Pack.Typer.TenantScope(path);

        private Scope ScopeFor(string name, string path)
        {
            lock (_gate)
            {
                if (_scopes.TryGetValue(name, out var scope)) return scope;
                if (_completed || _completedScopes.Contains(name))
                {
                    // A caller bug, not bad input: the scope's findings are already out, a late file would split them.
                    throw new InvalidOperationException($"tenant scope '{name}' was completed before {path} was linted; lint a scope's files before completing it");
                }
                scope = new Scope(name, _engine.Pack.TenantRules);
                _scopes.Add(name, scope);
                return scope;
            }
        }

        /// <summary>Lints a file from its bytes, detecting the encoding (BOM, UTF-16) first.</summary>
        public FileResult LintBytes(string path, byte[] bytes)
        {
            if (!TextDecoder.TryDecode(bytes, out var text, out _, out var error))
            {
                return ReportUnreadable(path, error!);
            }
            return LintText(path, text);
        }

        /// <summary>Reports a file that could not be read at all (I/O error, permissions).</summary>
        public FileResult ReportUnreadable(string path, string reason)
        {
            var sink = new Sink(_engine.Options, ScopeOf(path));
            var location = new SourceLocation(path, new LinePosition(1, 1), new LinePosition(1, 1), 0, 0);
            sink.Report(EngineDiagnostics.UnreadableFile, location, $"cannot read the file: {reason}");
            return new FileResult(path, sink.Sorted(), 0, parsed: false, ScopeOf(path));
        }

        /// <summary>Lints decoded text; never throws for bad input.</summary>
        public FileResult LintText(string path, string text)
        {
            string scope = ScopeOf(path);
            var sink = new Sink(_engine.Options, scope);
            var source = new SourceText(path, text);
            bool yaml = YamlTreeParser.IsYamlPath(path);
            var document = yaml ? YamlTreeParser.Parse(source, out var failure) : JsonParser.Parse(source, out failure);
            if (document == null && failure!.IsEmpty && _engine.Pack.Typer.AllowsEmpty(path))
            {
                // An empty companion (a tool's "nothing to write") is read as an empty list.
                NotifyDocument(ScopeFor(scope, path), new DocumentFacts(new JsonDocument(source, source, JsonArray.Empty), DocumentRole.Companion, null, null, 0), sink);
                return new FileResult(path, sink.Sorted(), 0, parsed: true, scope);
            }
            if (document == null)
            {
                var at = source.GetPosition(failure!.Offset);
                var location = new SourceLocation(path, at, at, failure.Offset, failure.Offset);
                bool empty = failure.IsEmpty;
                sink.Report(empty ? EngineDiagnostics.EmptyFile : EngineDiagnostics.InvalidJson, location,
                    empty ? "the file is empty; expected a JSON object or array (an interrupted export?)" : $"invalid {(yaml ? "YAML" : "JSON")} at line {at.Line}, column {at.Column}: {failure.Message}");
                return new FileResult(path, sink.Sorted(), 0, parsed: false, scope);
            }
            int count = LintDocument(document, scope, sink);
            return new FileResult(path, sink.Sorted(), count, parsed: true, scope);
        }

        /// <summary>Lints an already parsed document (the YAML front end builds the same tree).</summary>
        public FileResult LintDocument(JsonDocument document)
        {
            string scope = ScopeOf(document.Path);
            var sink = new Sink(_engine.Options, scope);
            int count = LintDocument(document, scope, sink);
            return new FileResult(document.Path, sink.Sorted(), count, parsed: true, scope);
        }

        /// <summary>
        /// Runs the tenant-level rules of one scope and forgets its state. Call it once all of the scope's files are
        /// linted; a scope no file was linted in has nothing to report.
        /// </summary>
        public IReadOnlyList<Finding> CompleteScope(string scope)
        {
            Scope? state;
            lock (_gate)
            {
                if (!_completedScopes.Add(scope)) throw new InvalidOperationException($"tenant scope '{scope}' completes once");
                if (_scopes.TryGetValue(scope, out state)) _scopes.Remove(scope);
            }
            return state == null ? Array.Empty<Finding>() : Complete(state);
        }

        /// <summary>Completes every scope not completed yet, in scope order; call once, after the last file.</summary>
        public IReadOnlyList<Finding> Complete()
        {
            List<Scope> open;
            lock (_gate)
            {
                if (_completed) throw new InvalidOperationException("a run completes once");
                _completed = true;
                open = _scopes.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
                _scopes.Clear();
            }
            var findings = new List<Finding>();
            foreach (var scope in open) findings.AddRange(Complete(scope));
            return findings;
        }

        private IReadOnlyList<Finding> Complete(Scope scope)
        {
            var sink = new Sink(_engine.Options, scope.Name);
            foreach (var (rule, state) in scope.States)
            {
                try
                {
                    state.Complete(sink);
                }
                catch (Exception ex)
                {
                    sink.Report(EngineDiagnostics.InternalError, null, $"tenant rule {rule.Descriptors[0].Id} failed: {ex.GetType().Name}: {ex.Message}");
                }
            }
            return sink.Sorted();
        }

        private int LintDocument(JsonDocument document, string scopeName, Sink sink)
        {
            var typer = _engine.Pack.Typer;
            var scope = ScopeFor(scopeName, document.Path);
            if (typer.ClassifyDocument(document) == DocumentRole.Companion)
            {
                NotifyDocument(scope, new DocumentFacts(document, DocumentRole.Companion, null, null, 0), sink);
                return 0;
            }

            var candidates = ODataShapes.Split(document, out var shapeProblem, out var entitySet, out var notObjects);
            if (shapeProblem != null)
            {
                sink.Report(EngineDiagnostics.UnknownResourceType, document.GetLocation(document.Root.Start, document.Root.Start + 1), shapeProblem);
                return 0;
            }

            int unknown = 0;
            ResourceCandidate? firstUnknown = null;
            int resources = 0;
            foreach (var candidate in candidates)
            {
                string? type = ODataShapes.TypeName(candidate.Node["@odata.type"]);
                var evidence = TypeEvidence.ODataType;
                if (type == null)
                {
                    var inferred = typer.InferType(candidate);
                    if (inferred == null)
                    {
                        unknown++;
                        firstUnknown ??= candidate;
                        continue;
                    }
                    (type, evidence) = inferred.Value;
                }
                var resource = new Resource(document, candidate.Node, type, evidence, candidate.EntitySet, typer.NameProperties(type));
                resources++;
                AnalyzeResource(resource, sink);
                foreach (var (rule, state) in scope.States)
                {
                    try
                    {
                        state.Observe(resource);
                    }
                    catch (Exception ex)
                    {
                        sink.Report(EngineDiagnostics.InternalError, resource.AnchorLocation, $"tenant rule {rule.Descriptors[0].Id} failed on {resource.Describe()}: {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }

            if (firstUnknown != null)
            {
                var anchor = new Resource(document, firstUnknown.Node, null, TypeEvidence.Unknown, firstUnknown.EntitySet).AnchorLocation;
                string what = unknown == 1 ? "resource this object is" : $"resources the {unknown} objects in this file are";
                sink.Report(EngineDiagnostics.UnknownResourceType, anchor,
                    $"could not tell which Intune {what} (no usable @odata.type, and neither @odata.context, shape nor folder name identifies it); not checked");
            }

            if (notObjects.Count > 0)
            {
                var first = notObjects[0];
                string kind = first.Kind.ToString().ToLowerInvariant();
                string message = notObjects.Count == 1
                    ? $"an element of this list is a {kind}, not a Graph object; not checked"
                    : $"{notObjects.Count} elements of this list are not Graph objects (the first is a {kind}); not checked";
                sink.Report(EngineDiagnostics.UnknownResourceType, document.GetLocation(first), message);
            }

            string? entitySetType = null;
            if (entitySet != null && document.Root is JsonObject page)
            {
                // Ask the pack what the entity set holds, so an empty page still says "exported, and empty".
                var typed = typer.InferType(new ResourceCandidate(document, page, entitySet, inCollection: true));
                if (typed?.Evidence == TypeEvidence.ODataContext) entitySetType = typed.Value.Type;
            }
            NotifyDocument(scope, new DocumentFacts(document, DocumentRole.Resources, entitySet, entitySetType, resources), sink);
            return resources;
        }

        private static void NotifyDocument(Scope scope, DocumentFacts facts, Sink sink)
        {
            foreach (var (rule, state) in scope.States)
            {
                if (state is not IDocumentObserver observer) continue;
                try
                {
                    observer.ObserveDocument(facts);
                }
                catch (Exception ex)
                {
                    sink.Report(EngineDiagnostics.InternalError, facts.Document.GetLocation(facts.Document.Root.Start, facts.Document.Root.Start + 1),
                        $"tenant rule {rule.Descriptors[0].Id} failed on this file: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        private void AnalyzeResource(Resource resource, Sink sink)
        {
            Dictionary<SettingDefinition, List<(SettingOccurrence Occurrence, FormDefinition Form)>> found;
            try
            {
                found = Collect(resource);
            }
            catch (Exception ex)
            {
                sink.Report(EngineDiagnostics.InternalError, resource.AnchorLocation, $"reading the settings of {resource.Describe()} failed: {ex.GetType().Name}: {ex.Message}");
                return;
            }

            foreach (var pair in found)
            {
                if (!_engine.ValueRulesBySetting.TryGetValue(pair.Key, out var rules)) continue;
                foreach (var rule in rules)
                {
                    if (!rule.AppliesTo(resource.Type)) continue;
                    Guard(rule.Descriptor, resource, sink, () =>
                    {
                        var leaf = rule.Leaves[0];
                        foreach (var (occurrence, form) in pair.Value)
                        {
                            var canonical = form.Canonicalize(occurrence.Value);
                            if (leaf.When.Matches(canonical, occurrence))
                            {
                                sink.ReportMessage(rule.Descriptor, occurrence.Location, Format(rule.Descriptor.MessageFormat, resource, leaf.Setting, occurrence, canonical));
                            }
                        }
                    });
                }
            }

            foreach (var rule in _engine.ScanRules)
            {
                if (!rule.AppliesTo(resource.Type)) continue;
                Guard(rule.Descriptor, resource, sink, () => EvaluateScanRule(rule, resource, found, sink));
            }

            foreach (var rule in _engine.Pack.ResourceRules)
            {
                if (rule.Types != null && (resource.Type == null || !rule.Types.Contains(resource.Type))) continue;
                Guard(rule.Descriptors[0], resource, sink, () => rule.Analyze(resource, sink));
            }
        }

        private static void Guard(RuleDescriptor rule, Resource resource, Sink sink, Action action)
        {
            try
            {
                action();
            }
            catch (ConditionTimeoutException timeout)
            {
                // A user's pattern that backtracks without end: say so at the value, and the run goes on.
                sink.Report(Suppressions.AdoptionDiagnostics.RegexTimeout, timeout.Occurrence.Location,
                    $"rule {rule.Id} was not checked on {resource.Describe()}: {timeout.Message}; simplify the pattern (avoid nested quantifiers such as (a+)+)");
            }
            catch (Exception ex)
            {
                // A rule bug must not hide the other findings of the run.
                sink.Report(EngineDiagnostics.InternalError, resource.AnchorLocation, $"rule {rule.Id} failed on {resource.Describe()}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        private void EvaluateScanRule(DeclarativeRule rule, Resource resource, Dictionary<SettingDefinition, List<(SettingOccurrence, FormDefinition)>> found, Sink sink)
        {
            bool all = rule.Combination != LeafCombination.AnyOf;
            bool any = false;
            SourceLocation? location = null;
            SettingOccurrence? reported = null;
            string? canonicalReported = null;
            RuleLeaf? reportedLeaf = null;
            foreach (var leaf in rule.Leaves)
            {
                found.TryGetValue(leaf.Setting, out var occurrences);
                bool holds = false;
                switch (leaf.When.Presence)
                {
                    case PresenceTest.Missing:
                        holds = occurrences == null || occurrences.Count == 0;
                        break;
                    case PresenceTest.MissingOrEmpty:
                        if (occurrences == null || occurrences.Count == 0) holds = true;
                        else
                        {
                            foreach (var (o, _) in occurrences)
                            {
                                if (!IsEmpty(o)) continue;
                                holds = true;
                                if (reported == null) { reported = o; reportedLeaf = leaf; }
                                break;
                            }
                        }
                        break;
                    default:
                        if (occurrences == null) break;
                        foreach (var (o, form) in occurrences)
                        {
                            var canonical = form.Canonicalize(o.Value);
                            if (!leaf.When.Matches(canonical, o)) continue;
                            holds = true;
                            if (reported == null) { reported = o; canonicalReported = canonical; reportedLeaf = leaf; }
                            break;
                        }
                        break;
                }
                if (holds) any = true;
                else if (all) return;
                if (!all && holds) break;
            }
            if (!any) return;
            location = reported?.Location ?? resource.AnchorLocation;
            sink.ReportMessage(rule.Descriptor, location, Format(rule.Descriptor.MessageFormat, resource, (reportedLeaf ?? rule.Leaves[0]).Setting, reported, canonicalReported));
        }

        private static bool IsEmpty(SettingOccurrence o) =>
            o.ValueNode.Kind == JsonKind.Null
            || (o.ValueNode is JsonArray a && a.Items.Count == 0)
            || (o.ValueNode is JsonObject obj && obj.Properties.Count == 0)
            || (o.ValueNode.Kind == JsonKind.String && string.IsNullOrWhiteSpace(o.Raw));

        private Dictionary<SettingDefinition, List<(SettingOccurrence, FormDefinition)>> Collect(Resource resource)
        {
            var found = new Dictionary<SettingDefinition, List<(SettingOccurrence, FormDefinition)>>();
            void AddFound(SettingOccurrence o, FormDefinition f)
            {
                if (!found.TryGetValue(f.Setting, out var list)) found[f.Setting] = list = new List<(SettingOccurrence, FormDefinition)>();
                list.Add((o, f));
            }

            if (resource.Type != null && _engine.PropertyFormsByType.TryGetValue(resource.Type, out var typed))
            {
                foreach (var form in typed) AddProperties(resource, form, AddFound);
            }
            foreach (var form in _engine.UntypedPropertyForms) AddProperties(resource, form, AddFound);

            if (_engine.FormsByKey.Count > 0)
            {
                foreach (var extractor in _engine.Pack.Extractors)
                {
                    foreach (var occurrence in resource.Occurrences(extractor))
                    {
                        if (!_engine.FormsByKey.TryGetValue((extractor.Form, occurrence.Key), out var forms)) continue;
                        foreach (var form in forms)
                        {
                            if (form.AppliesTo(resource.Type)) AddFound(occurrence, form);
                        }
                    }
                }
            }
            return found;
        }

        private static void AddProperties(Resource resource, FormDefinition form, Action<SettingOccurrence, FormDefinition> add)
        {
            foreach (var node in PropertyPath.Select(resource.Node, form.Key))
            {
                string? raw = node.ScalarText;
                IReadOnlyList<string>? values = node is JsonArray array ? array.Items.Select(i => i.ScalarText ?? string.Empty).ToList() : null;
                add(new SettingOccurrence(resource, RulePack.PropertyForm, form.Key, raw, raw, node, values), form);
            }
        }

        private string Format(string template, Resource resource, SettingDefinition setting, SettingOccurrence? occurrence, string? canonical)
        {
            if (template.IndexOf('{') < 0) return template;
            string form = occurrence == null
                ? "not set"
                : occurrence.Form == RulePack.PropertyForm
                    ? $"property '{occurrence.Key}'"
                    : _engine.Pack.Extractors.First(e => e.Form == occurrence.Form).Describe(occurrence.KeyAsWritten);
            string value = occurrence == null ? "(not set)" : occurrence.ValueNode.Kind == JsonKind.Null ? "null" : occurrence.Raw ?? (occurrence.Values != null ? "[" + string.Join(", ", occurrence.Values) + "]" : "(complex value)");
            return template
                .Replace("{value}", value)
                .Replace("{canonical}", canonical ?? value)
                .Replace("{form}", form)
                .Replace("{setting}", setting.Title)
                .Replace("{resource}", resource.Describe())
                .Replace("{type}", resource.Type ?? "unknown type");
        }

        /// <summary>Collects findings, applying severity overrides; thread-confined to one file (or Complete).</summary>
        private sealed class Sink : IFindingSink
        {
            private readonly LintOptions _options;
            private readonly string? _scope;
            private readonly List<Finding> _findings = new List<Finding>();

            public Sink(LintOptions options, string? scope = null)
            {
                _options = options;
                _scope = scope;
            }

            public void Report(RuleDescriptor rule, SourceLocation? location, params object?[] args)
            {
                string message = args == null || args.Length == 0 ? rule.MessageFormat : string.Format(CultureInfo.InvariantCulture, rule.MessageFormat, args);
                ReportMessage(rule, location, message);
            }

            public void ReportMessage(RuleDescriptor rule, SourceLocation? location, string message)
            {
                var severity = _options.EffectiveSeverity(rule);
                if (severity == Severity.None) return;
                _findings.Add(new Finding(rule, severity, message, location, _scope));
            }

            public IReadOnlyList<Finding> Sorted()
            {
                _findings.Sort(Finding.ReportOrder);
                return _findings;
            }
        }
    }
}
