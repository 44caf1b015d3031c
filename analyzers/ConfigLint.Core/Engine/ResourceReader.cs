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
                ReportProblem(sink, diagnostics, root, Wording(diagnostics.ScalarRoot, 1, split.Scalar));
                return new DocumentContents(None, null);
            }

            var resources = new List<Resource>(split.Candidates.Count);
            int unknown = 0;
            ResourceCandidate? firstUnknown = null;
            foreach (var candidate in split.Candidates)
            {
                var typed = typer.InferType(candidate);
                if (typed == null)
                {
                    unknown++;
                    firstUnknown ??= candidate;
                    continue;
                }
                var (type, evidence) = typed.Value;
                resources.Add(new Resource(document, candidate.Node, type, evidence, candidate.Collection, typer.NameProperties(type)));
            }

            if (firstUnknown != null)
            {
                var anchor = new Resource(document, firstUnknown.Node, null, TypeEvidence.Unknown, firstUnknown.Collection, typer.NameProperties(null)).AnchorLocation;
                var problem = unknown == 1 ? diagnostics.UnknownTypeOne : diagnostics.UnknownTypeMany;
                ReportProblem(sink, diagnostics, anchor, Wording(problem, unknown, firstUnknown.Node));
            }
            if (split.NotObjects.Count > 0)
            {
                var first = split.NotObjects[0];
                var problem = split.NotObjects.Count == 1 ? diagnostics.NotObjectOne : diagnostics.NotObjectMany;
                ReportProblem(sink, diagnostics, document.GetLocation(first), Wording(problem, split.NotObjects.Count, first));
            }
            return new DocumentContents(resources, new DocumentFacts(document, DocumentRole.Resources, split.Collection, split.CollectionType, resources.Count));
        }

        /// <summary>A known companion file, or an empty one the pack expects: understood, and nothing to lint.</summary>
        public static DocumentContents Companion(JsonDocument document) =>
            new DocumentContents(None, new DocumentFacts(document, DocumentRole.Companion, null, null, 0));

        private static void ReportProblem(FindingSink sink, EngineDiagnostics diagnostics, Text.SourceLocation location, string problem) =>
            sink.Report(diagnostics.UnknownResourceType, location, new MessageArgs { ["problem"] = problem });

        /// <summary>Fills a wording template (<see cref="InputWording.Placeholders"/>): the count, and the first node's kind.</summary>
        private static string Wording(MessageTemplate template, int count, JsonNode first) =>
            template.Render(name => name == "count" ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : first.Kind.ToString().ToLowerInvariant());
    }
}
