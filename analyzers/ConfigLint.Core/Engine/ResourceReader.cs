using System.Collections.Generic;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Engine
{
    /// <summary>What a parsed file holds: its typed resources, and the facts tenant rules see (null when nothing was readable).</summary>
    internal readonly struct DocumentContents
    {
        public DocumentContents(IReadOnlyList<Resource> resources, DocumentFacts? facts)
        {
            Resources = resources;
            Facts = facts;
        }

        public IReadOnlyList<Resource> Resources { get; }
        public DocumentFacts? Facts { get; }
    }

    /// <summary>
    /// From a parsed document to typed resources: the pack classifies the file, splits it into candidate objects and
    /// types each object once; what cannot be typed or is no object is reported (CL0004), once per file and kind.
    /// </summary>
    internal static class ResourceReader
    {
        private static readonly Resource[] None = new Resource[0];

        public static DocumentContents Read(JsonDocument document, RulePack pack, FindingSink sink)
        {
            var typer = pack.Typer;
            // A container's strings were read as documents of their own; the container holds nothing more to lint.
            if (document.IsContainer || typer.ClassifyDocument(document) == DocumentRole.Companion) return Companion(document);

            var split = typer.Split(document);
            var diagnostics = pack.Diagnostics;
            if (split.Scalar != null)
            {
                var root = document.GetLocation(document.Root.Start, document.Root.Start + 1);
                ReportProblem(sink, diagnostics, root, Wording(diagnostics.ScalarRoot, 1, split.Scalar.Kind));
                return new DocumentContents(None, null);
            }

            var resources = new List<Resource>(split.Candidates.Count);
            var problems = new SplitProblems();
            Type(document, split, typer, resources, problems);
            problems.Report(sink, diagnostics);
            return new DocumentContents(resources, new DocumentFacts(document, DocumentRole.Resources, split.Collection, split.CollectionType, resources.Count));
        }

        /// <summary>Types the split's candidates into <paramref name="resources"/>, noting what could not be typed or is no object.</summary>
        public static void Type(JsonDocument document, DocumentSplit split, IResourceTyper typer, List<Resource> resources, SplitProblems problems)
        {
            foreach (var candidate in split.Candidates)
            {
                var typed = typer.InferType(candidate);
                if (typed == null)
                {
                    problems.Unknown(candidate, typer);
                    continue;
                }
                var (type, evidence) = typed.Value;
                resources.Add(new Resource(candidate.Document, candidate.Node, type, evidence, candidate.Collection, typer.NameProperties(type)));
            }
            foreach (var item in split.NotObjects) problems.NotObject(item, document);
        }

        /// <summary>A known companion file, or an empty one the pack expects: understood, and nothing to lint.</summary>
        public static DocumentContents Companion(JsonDocument document) =>
            new DocumentContents(None, new DocumentFacts(document, DocumentRole.Companion, null, null, 0));

        internal static void ReportProblem(FindingSink sink, EngineDiagnostics diagnostics, Text.SourceLocation location, string problem) =>
            sink.Report(diagnostics.UnknownResourceType, location, new MessageArgs { ["problem"] = problem });

        /// <summary>Fills a wording template (<see cref="InputWording.Placeholders"/>): the count, and the first node's kind.</summary>
        internal static string Wording(MessageTemplate template, int count, JsonKind first) =>
            template.Render(name => name == "count" ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : first.ToString().ToLowerInvariant());
    }
}

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// What a split left unlinted (objects no type could be inferred for, list elements that are no object), counted over
    /// a whole file and reported once per kind at the first one, also when the file was typed in parts (a page linted
    /// element by element: merge the parts in file order).
    /// </summary>
    internal sealed class SplitProblems
    {
        private int _unknown;
        private Text.SourceLocation? _firstUnknown;
        private JsonKind _firstUnknownKind;
        private int _notObjects;
        private Text.SourceLocation? _firstNotObject;
        private JsonKind _firstNotObjectKind;

        public void Unknown(ResourceCandidate candidate, IResourceTyper typer)
        {
            if (_unknown++ > 0) return;
            _firstUnknown = new Resource(candidate.Document, candidate.Node, null, TypeEvidence.Unknown, candidate.Collection, typer.NameProperties(null)).AnchorLocation;
            _firstUnknownKind = candidate.Node.Kind;
        }

        public void NotObject(JsonNode node, JsonDocument document)
        {
            if (_notObjects++ > 0) return;
            _firstNotObject = document.GetLocation(node);
            _firstNotObjectKind = node.Kind;
        }

        /// <summary>Adds the problems of a later part of the same file.</summary>
        public void Add(SplitProblems later)
        {
            if (_unknown == 0)
            {
                _firstUnknown = later._firstUnknown;
                _firstUnknownKind = later._firstUnknownKind;
            }
            _unknown += later._unknown;
            if (_notObjects == 0)
            {
                _firstNotObject = later._firstNotObject;
                _firstNotObjectKind = later._firstNotObjectKind;
            }
            _notObjects += later._notObjects;
        }

        public void Report(FindingSink sink, EngineDiagnostics diagnostics)
        {
            if (_firstUnknown != null)
            {
                var problem = _unknown == 1 ? diagnostics.UnknownTypeOne : diagnostics.UnknownTypeMany;
                ResourceReader.ReportProblem(sink, diagnostics, _firstUnknown, ResourceReader.Wording(problem, _unknown, _firstUnknownKind));
            }
            if (_firstNotObject != null)
            {
                var problem = _notObjects == 1 ? diagnostics.NotObjectOne : diagnostics.NotObjectMany;
                ResourceReader.ReportProblem(sink, diagnostics, _firstNotObject, ResourceReader.Wording(problem, _notObjects, _firstNotObjectKind));
            }
        }
    }
}
