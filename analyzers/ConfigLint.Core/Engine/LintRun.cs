using System;
using System.Collections.Generic;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// One lint run. Files may be added concurrently; each is read once (<see cref="DocumentReader"/>), its resources
    /// typed once (<see cref="ResourceReader"/>), every applicable rule runs on the same tree (<see cref="RuleEvaluator"/>)
    /// and tenant rules observe it (<see cref="TenantScopes"/>). Tenant rules keep one state per tenant scope (the pack's
    /// <see cref="IResourceTyper.TenantScope"/>) and report when that scope is completed (<see cref="CompleteScope(string)"/>)
    /// or at <see cref="Complete()"/>.
    /// </summary>
    public sealed partial class LintRun
    {
        private readonly LintEngine _engine;
        private readonly RulePack _pack;
        private readonly RuleEvaluator _evaluator;
        private readonly TenantScopes _scopes;

        internal LintRun(LintEngine engine, IRuleEvaluationListener? listener = null)
        {
            _engine = engine;
            _pack = engine.Pack;
            _evaluator = new RuleEvaluator(engine, listener);
            _scopes = new TenantScopes(engine);
        }

        /// <summary>Lints a file from its bytes, detecting the encoding (BOM, UTF-16) first.</summary>
        public FileResult LintBytes(string path, byte[] bytes) => LintDecoded(path, TextDecoder.DecodeInPlace(bytes));

        /// <summary>Lints a file decoded by <see cref="TextDecoder"/>: from bytes, or from a host's decoded text.</summary>
        public FileResult LintDecoded(string path, DecodedText decoded)
        {
            var sink = SinkFor(path);
            DocumentReader.ReportProblem(path, decoded, _pack.Diagnostics, sink);
            if (!decoded.IsReadable) return Unparsed(path, sink);
            var source = decoded.ToSource(path);
            try
            {
                return LintSource(source, sink);
            }
            finally
            {
                // Characters a caller lent (TextDecoder.DecodeHostChars) are its own again once this returns.
                source.Release();
            }
        }

        /// <summary>Reports a file that could not be read at all (I/O error, permissions).</summary>
        public FileResult ReportUnreadable(string path, string reason)
        {
            var sink = SinkFor(path);
            DocumentReader.ReportUnreadable(path, reason, _pack.Diagnostics, sink);
            return Unparsed(path, sink);
        }

        /// <summary>Reports an entry that is deliberately not read (a FIFO, socket or device found on a walk) as a note.</summary>
        public FileResult ReportSkipped(string path, string reason)
        {
            var sink = SinkFor(path);
            var location = new SourceLocation(path, new LinePosition(1, 1), new LinePosition(1, 1), 0, 0);
            sink.Report(_pack.Diagnostics.NotARegularFile, location, new MessageArgs { ["reason"] = reason });
            return Unparsed(path, sink);
        }

        /// <summary>Lints decoded text; never throws for bad input.</summary>
        public FileResult LintText(string path, string text) => LintText(path, text, SinkFor(path));

        /// <summary>Lints an already parsed document (the YAML front end builds the same tree).</summary>
        public FileResult LintDocument(JsonDocument document)
        {
            var sink = SinkFor(document.Path);
            int resources = Lint(document, ResourceReaderMode.Classify, sink);
            return new FileResult(document.Path, sink.Sorted(), resources, parsed: true, sink.Scope!);
        }

        /// <summary>
        /// Runs the tenant-level rules of one scope and forgets its state. Call it once all of the scope's files are
        /// linted; a scope no file was linted in has nothing to report.
        /// </summary>
        public IReadOnlyList<Finding> CompleteScope(string scope) => _scopes.Complete(scope, out _);

        /// <summary>
        /// Completes one scope as <see cref="CompleteScope(string)"/> does, unless its files show that its folder is an
        /// object-type folder of an enclosing export (<see cref="IScopeInference"/>): then nothing is reported now, its
        /// state joins the scope named by <paramref name="foldedInto"/>, and that scope must be completed later (when the
        /// walk leaves its folder). Call it once all of the scope's files are linted.
        /// </summary>
        public IReadOnlyList<Finding> CompleteScope(string scope, out string? foldedInto) => _scopes.Complete(scope, out foldedInto);

        /// <summary>Completes every scope not completed yet, in scope order; call once, after the last file.</summary>
        public IReadOnlyList<Finding> Complete() => _scopes.CompleteAll();

        private FileResult LintText(string path, string text, FindingSink sink) => LintSource(new SourceText(path, text), sink);

        private FileResult LintSource(SourceText source, FindingSink sink)
        {
            string path = source.Path;
            bool pages = _pack.Shape.HasPages && !YamlTreeParser.IsYamlPath(path);
            bool large = source.Length >= SplitPagesFromChars;
            if (pages && large && TryLintPage(source, sink) is FileResult page) return page;
            var read = DocumentReader.Read(source, _pack);
            // A page that does not read whole is read element by element: the fault is reported, the other elements linted.
            if (pages && !large && read.Documents.Count == 0 && !read.IsEmpty && TryLintPage(source, sink) is FileResult recovered) return recovered;
            var documents = DocumentReader.Report(source, read, _pack, sink, out bool emptyCompanion);
            if (documents.Count == 0) return Unparsed(path, sink);
            // A YAML stream is linted document by document; those before a fault are still checked.
            int resources = 0;
            foreach (var document in documents) resources += Lint(document, emptyCompanion ? ResourceReaderMode.Companion : ResourceReaderMode.Classify, sink);
            return new FileResult(path, sink.Sorted(), resources, parsed: true, sink.Scope!);
        }

        /// <summary>A file's sink: its findings belong to the file's tenant scope (for their fingerprints).</summary>
        private FindingSink SinkFor(string path) => new FindingSink(_pack.Typer.TenantScope(path));

        /// <summary>Lints one document into the file's sink; returns how many resources it held.</summary>
        private int Lint(JsonDocument document, ResourceReaderMode mode, FindingSink sink)
        {
            string scopeName = sink.Scope!;
            var scope = _scopes.Open(scopeName, document.Path);
            if (mode == ResourceReaderMode.Classify && !document.IsContainer && _pack.Typer is ICollectionShapes shapes) document = ReadListsOfOne(document, shapes, sink);
            var contents = mode == ResourceReaderMode.Companion ? ResourceReader.Companion(document) : ResourceReader.Read(document, _pack, sink);
            foreach (var resource in contents.Resources) AnalyzeAndObserve(resource, scope, sink);
            if (contents.Facts != null) scope.ObserveDocument(contents.Facts, sink);
            scope.Witness(document.Path, contents.Resources, contents.Facts);
            return contents.Resources.Count;
        }

        /// <summary>Objects where the pack's schema has a list, read as lists of one, with one note per file.</summary>
        private JsonDocument ReadListsOfOne(JsonDocument document, ICollectionShapes shapes, FindingSink sink)
        {
            document = SingleElementCollections.Normalize(document, shapes, out var wrapped, out int count);
            if (wrapped != null)
            {
                sink.Report(_pack.Diagnostics.SingleElementListAsObject, document.GetNameLocation(wrapped), new MessageArgs
                {
                    ["property"] = wrapped.Name,
                    ["others"] = count == 1 ? string.Empty : $" ({count} such properties in this file)",
                });
            }
            return document;
        }

        private FileResult Unparsed(string path, FindingSink sink) =>
            new FileResult(path, sink.Sorted(), 0, parsed: false, sink.Scope!);

        private enum ResourceReaderMode
        {
            /// <summary>Ask the pack what the file is.</summary>
            Classify,

            /// <summary>An empty file the pack expects: a companion with nothing in it.</summary>
            Companion,
        }
    }
}
