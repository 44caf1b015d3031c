using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// Lints a page (a list of independent resources, <see cref="DocumentShape.PageProperty"/>) element by element:
    /// the envelope is read once with the list left out, then parts of a few hundred kilobytes are read, typed, linted and
    /// dropped on several cores, and their findings merged in element order. The whole tree is never held, and the
    /// findings are the ones reading the whole file gives, in the same order. A malformed element is reported (CL0001 at
    /// its fault) and the others are still linted.
    /// </summary>
    internal sealed class PageLint
    {
        /// <summary>Text per part: large enough that a part's overhead (a split, a sink) is noise, small enough to balance cores.</summary>
        private const int PartChars = 256 * 1024;

        private readonly LintRun _run;
        private readonly RulePack _pack;
        private readonly SourceText _source;
        private readonly PageLayout _layout;
        private readonly JsonDocument _envelope;
        private readonly JsonProperty? _pageProperty;
        private readonly DocumentSplit _envelopeSplit;
        private readonly TenantScopes.Scope _scope;
        private readonly string _scopeName;
        private readonly List<(int First, int End)> _parts = new List<(int, int)>();
        private Part?[] _results = Array.Empty<Part?>();
        private int _next;
        private int _done;
        private Exception? _failure;
        private readonly object _gate = new object();

        private PageLint(LintRun run, RulePack pack, SourceText source, PageLayout layout, JsonDocument envelope, DocumentSplit envelopeSplit, TenantScopes.Scope scope, string scopeName)
        {
            _run = run;
            _pack = pack;
            _source = source;
            _layout = layout;
            _envelope = envelope;
            _envelopeSplit = envelopeSplit;
            _scope = scope;
            _scopeName = scopeName;
            if (envelope.Root is JsonObject root)
            {
                foreach (var property in root.Properties)
                {
                    if (property.Value.Start == layout.Open) _pageProperty = property;
                }
            }
        }

        /// <summary>
        /// Reads the page's envelope and checks with the pack that the document is a page of resources; null when it is
        /// not (or the envelope does not read), and the file is to be read whole.
        /// </summary>
        public static PageLint? Prepare(LintRun run, RulePack pack, SourceText source, PageLayout layout, TenantScopes.Scope scope, string scopeName, out List<ParseFailure>? deviations, out int deviationCount)
        {
            var root = JsonTreeReader.ReadRange(source, 0, source.Length, layout.Open, layout.Close, pack.Shape.IgnoredKey, out _, out deviations, out deviationCount);
            // An envelope that does not read: the whole reading reports the first fault in the file, as it always did.
            if (root == null) return null;
            // A property the pack leaves out of the tree is no page.
            if (root is JsonObject obj && !HoldsPage(obj, layout)) return null;
            var envelope = new JsonDocument(source, source, root);
            JsonProperty? wrapped = null;
            int wrappedCount = 0;
            if (pack.Typer is ICollectionShapes shapes) envelope = SingleElementCollections.Normalize(envelope, shapes, out wrapped, out wrappedCount);
            var typer = pack.Typer;
            // A companion is judged on its whole tree; the pack's split of the envelope (its list empty) must give no
            // candidate of its own, or the list is not a list of resources to the pack (an object with a "value" list).
            if (typer.ClassifyDocument(envelope) != DocumentRole.Resources) return null;
            var split = typer.Split(envelope);
            if (split.Scalar != null || split.Candidates.Count > 0 || split.NotObjects.Count > 0) return null;
            var page = new PageLint(run, pack, source, layout, envelope, split, scope, scopeName);
            page._envelopeWrapped = wrappedCount;
            if (wrapped != null)
            {
                page._firstWrappedName = wrapped.Name;
                page._firstWrappedAt = envelope.GetNameLocation(wrapped);
            }
            return page;
        }

        private int _envelopeWrapped;
        private string? _firstWrappedName;
        private SourceLocation? _firstWrappedAt;

        private static bool HoldsPage(JsonObject root, PageLayout layout)
        {
            foreach (var property in root.Properties)
            {
                if (property.Value.Start == layout.Open && property.Value is JsonArray) return true;
            }
            return false;
        }

        /// <summary>
        /// Lints the elements on up to <paramref name="workers"/> threads (this one included) into <paramref name="sink"/>,
        /// after the envelope's problems; returns the resource count.
        /// </summary>
        public int Lint(FindingSink sink, int workers, List<ParseFailure>? envelopeDeviations, int envelopeDeviationCount)
        {
            int first = 0;
            int chars = 0;
            for (int i = 0; i < _layout.Count; i++)
            {
                chars += _layout.Ends[i] - _layout.Starts[i];
                if (chars < PartChars && i < _layout.Count - 1) continue;
                _parts.Add((first, i + 1));
                first = i + 1;
                chars = 0;
            }
            _results = new Part?[_parts.Count];

            // The line table is built once, before the workers need positions (LintRun started it beside the scan).
            _ = _source.LineCount;
            int helpers = Math.Min(workers, _parts.Count) - 1;
            for (int i = 0; i < helpers; i++) Task.Factory.StartNew(Drain, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
            Drain();
            lock (_gate)
            {
                // Helpers that start after the last part find nothing to do; only parts being linted are waited for.
                while (_done < _parts.Count) Monitor.Wait(_gate);
            }
            if (_failure != null) throw new InvalidOperationException($"linting {_source.Path} failed: {_failure.Message}", _failure);
            foreach (var part in _results)
            {
                // A pack bug, not bad input: its split of the envelope claimed the list, its split of a part did not keep to it.
                if (part!.Foreign) throw new InvalidOperationException($"the pack's split of the page {_source.Path} gave objects outside the page's elements; a page's split must give its elements");
            }
            return Merge(sink, envelopeDeviations, envelopeDeviationCount);
        }

        private void Drain()
        {
            while (true)
            {
                int index = Interlocked.Increment(ref _next) - 1;
                if (index >= _parts.Count) return;
                try
                {
                    _results[index] = LintPart(_parts[index].First, _parts[index].End);
                }
                catch (Exception ex)
                {
                    lock (_gate) _failure ??= ex;
                }
                lock (_gate)
                {
                    if (++_done == _parts.Count) Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>What one part left behind once its trees are dropped: findings and small facts, no node.</summary>
        private sealed class Part
        {
            public readonly FindingSink Sink;
            public readonly SplitProblems Problems = new SplitProblems();
            public readonly List<ParseFailure> Faults = new List<ParseFailure>();
            public List<ParseFailure>? Deviations;
            public int DeviationCount;
            public int Resources;
            public int Wrapped;
            public string? FirstWrappedName;
            public SourceLocation? FirstWrappedAt;
            public bool Foreign;

            public Part(string scope)
            {
                Sink = new FindingSink(scope);
            }
        }

        private Part LintPart(int first, int end)
        {
            var part = new Part(_scopeName);
            var ignoredKey = _pack.Shape.IgnoredKey;
            var shapes = _pack.Typer as ICollectionShapes;
            var items = new List<JsonNode>(end - first);
            JsonProperty? wrapped = null;
            for (int i = first; i < end; i++)
            {
                var node = JsonTreeReader.ReadRange(_source, _layout.Starts[i], _layout.Ends[i], -1, -1, ignoredKey, out var failure, out var deviations, out int count);
                if (node == null)
                {
                    // The element is left out; the others are still linted.
                    part.Faults.Add(failure!);
                    continue;
                }
                if (deviations != null) (part.Deviations ??= new List<ParseFailure>()).AddRange(deviations);
                part.DeviationCount += count;
                if (shapes != null) node = SingleElementCollections.NormalizeElement(node, shapes, _layout.Depth, ref wrapped, ref part.Wrapped);
                items.Add(node);
            }
            var document = new JsonDocument(_source, _source, PartRoot(items));
            if (wrapped != null)
            {
                part.FirstWrappedName = wrapped.Name;
                part.FirstWrappedAt = document.GetNameLocation(wrapped);
            }

            var split = _pack.Typer.Split(document);
            foreach (var candidate in split.Candidates) part.Foreign |= !Within(candidate.Node, items);
            foreach (var other in split.NotObjects) part.Foreign |= !Within(other, items);
            if (part.Foreign) return part;

            var resources = new List<Resource>(split.Candidates.Count);
            ResourceReader.Type(document, split, _pack.Typer, resources, part.Problems);
            foreach (var resource in resources) _run.AnalyzeAndObserve(resource, _scope, part.Sink);
            part.Resources = resources.Count;
            return part;
        }

        /// <summary>True when the pack's split gave an element of this part (not the envelope or another part).</summary>
        private static bool Within(JsonNode node, List<JsonNode> items) =>
            items.Count > 0 && node.Start >= items[0].Start && node.End <= items[items.Count - 1].End;

        /// <summary>The envelope with the part's elements as its list, so the pack splits them as it splits the whole file.</summary>
        private JsonNode PartRoot(List<JsonNode> items)
        {
            var list = new JsonArray(_layout.Open, _layout.Close + 1, items.Count == 0 ? null : items.ToArray());
            if (_envelope.Root is not JsonObject root) return list;
            var properties = new JsonProperty[root.Properties.Count];
            for (int i = 0; i < properties.Length; i++)
            {
                var property = root.Properties[i];
                properties[i] = ReferenceEquals(property, _pageProperty) ? new JsonProperty(property.Name, property.NameStart, property.NameEnd, list) : property;
            }
            return new JsonObject(root.Start, root.End, properties);
        }

        /// <summary>The file's findings in the order reading it whole reports them, before the report order sorts them.</summary>
        private int Merge(FindingSink sink, List<ParseFailure>? envelopeDeviations, int envelopeDeviationCount)
        {
            var listed = new List<ParseFailure>();
            var faults = new List<ParseFailure>();
            int count = envelopeDeviationCount;
            if (envelopeDeviations != null) listed.AddRange(envelopeDeviations);
            foreach (var part in _results)
            {
                if (part!.Deviations != null) listed.AddRange(part.Deviations);
                count += part.DeviationCount;
                faults.AddRange(part.Faults);
            }
            // The envelope's deviations before the list come first, those after it last: file order.
            StableSortByOffset(listed);
            var problems = JsonTreeReader.WithCount(listed.Count == 0 ? null : listed, count) ?? new List<ParseFailure>();
            problems.AddRange(faults);
            StableSortByOffset(problems);
            DocumentReader.ReportProblems(_source, "JSON", problems, _pack, sink);

            // The note on objects read as lists of one: the envelope's and the parts', at the first in the file.
            int wrappedCount = _envelopeWrapped;
            string? firstName = _firstWrappedName;
            SourceLocation? firstAt = _firstWrappedAt;
            foreach (var part in _results)
            {
                wrappedCount += part!.Wrapped;
                if (part.FirstWrappedAt != null && (firstAt == null || part.FirstWrappedAt.StartOffset < firstAt.StartOffset))
                {
                    firstName = part.FirstWrappedName;
                    firstAt = part.FirstWrappedAt;
                }
            }
            if (firstAt != null)
            {
                sink.Report(_pack.Diagnostics.SingleElementListAsObject, firstAt, new MessageArgs
                {
                    ["property"] = firstName,
                    ["others"] = wrappedCount == 1 ? string.Empty : $" ({wrappedCount} such properties in this file)",
                });
            }

            var unlinted = new SplitProblems();
            int resources = 0;
            foreach (var part in _results)
            {
                unlinted.Add(part!.Problems);
                resources += part.Resources;
            }
            unlinted.Report(sink, _pack.Diagnostics);
            foreach (var part in _results) sink.AddAll(part!.Sink);
            var facts = new DocumentFacts(_envelope, DocumentRole.Resources, _envelopeSplit.Collection, _envelopeSplit.CollectionType, resources);
            _scope.ObserveDocument(facts, sink);
            // A page is a whole export's list: its folder is never an object-type folder to fold into its parent
            // (the resources themselves are not needed for that verdict, and are long gone).
            _scope.Witness(_envelope.Path, System.Array.Empty<Model.Resource>(), facts);
            return resources;
        }

        private static void StableSortByOffset(List<ParseFailure> problems)
        {
            var ordered = new List<(ParseFailure Problem, int Index)>(problems.Count);
            for (int i = 0; i < problems.Count; i++) ordered.Add((problems[i], i));
            ordered.Sort((a, b) => a.Problem.Offset != b.Problem.Offset ? a.Problem.Offset.CompareTo(b.Problem.Offset) : a.Index.CompareTo(b.Index));
            for (int i = 0; i < problems.Count; i++) problems[i] = ordered[i].Problem;
        }
    }
}
