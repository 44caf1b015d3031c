using System;
using System.Threading.Tasks;
using ConfigLint.Core.Json;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>Pages (<see cref="DocumentShape.PageProperty"/>): a large one is linted element by element on several cores.</summary>
    public sealed partial class LintRun
    {
        /// <summary>
        /// Pages of at least this many characters are read and linted element by element (<see cref="PageWorkers"/>
        /// threads), never holding the whole tree; smaller ones are read whole, and element by element only when a fault
        /// stops the whole reading. The findings do not depend on it. Default 1 Mi characters.
        /// </summary>
        public int SplitPagesFromChars { get; set; } = 1 << 20;

        /// <summary>The threads (the calling one included) that lint one large page; default: one per core.</summary>
        public int PageWorkers { get; set; } = Environment.ProcessorCount;

        /// <summary>Lints the file as a page, or returns null when it is none (the file is then read whole).</summary>
        private FileResult? TryLintPage(SourceText source, FindingSink sink)
        {
            // A large page's line table is built on another core while this one finds the elements.
            var lines = PageWorkers > 1 && source.Length >= SplitPagesFromChars ? Task.Run(() => source.LineCount) : null;
            var layout = PageLayout.Find(source.Text, _pack.Shape);
            lines?.Wait();
            if (layout == null || layout.Count == 0) return null;
            string scopeName = sink.Scope!;
            var scope = _scopes.Open(scopeName, source.Path);
            var page = PageLint.Prepare(this, _pack, source, layout, scope, scopeName, out var deviations, out int deviationCount);
            if (page == null) return null;
            int resources = page.Lint(sink, Math.Max(1, PageWorkers), deviations, deviationCount);
            return new FileResult(source.Path, sink.Sorted(), resources, parsed: true, scopeName);
        }

        /// <summary>Runs the rules on one resource and lets the tenant rules observe it.</summary>
        internal void AnalyzeAndObserve(Model.Resource resource, TenantScopes.Scope scope, FindingSink sink)
        {
            _evaluator.Analyze(resource, sink);
            scope.Observe(resource, sink);
        }
    }
}
