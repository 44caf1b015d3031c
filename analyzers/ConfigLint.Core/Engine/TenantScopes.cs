using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// The tenant-rule states of a run, one set per tenant scope (the pack's <see cref="IResourceTyper.TenantScope"/>),
    /// created by the scope's first file and dropped when the scope completes, so a run over many tenants holds the
    /// state of the tenants in progress only.
    /// </summary>
    /// <remarks>
    /// A scope is first what the pack's folder names say. When it completes, what its files held may show that its
    /// folder is one object type's folder of an enclosing export (<see cref="IScopeInference"/>): its states are then
    /// folded into the enclosing scope, which reports once for both. The decision rests on the scope's own files
    /// only, so it is the same whatever order the files come in (the CLI's folder walk, the compiler's any order).
    /// </remarks>
    internal sealed class TenantScopes
    {
        private readonly LintEngine _engine;
        private readonly IScopeInference? _inference;
        private readonly bool _mergeable;
        private readonly object _gate = new object();
        private readonly Dictionary<string, Scope> _open = new Dictionary<string, Scope>(StringComparer.Ordinal);
        private readonly HashSet<string> _completed = new HashSet<string>(StringComparer.Ordinal);
        private bool _allCompleted;

        public TenantScopes(LintEngine engine)
        {
            _engine = engine;
            _inference = engine.Pack.Typer as IScopeInference;
            // One rule whose state cannot take in another's keeps every scope as the names made it.
            _mergeable = engine.Pack.TenantRules.All(r => r.CreateState() is IMergeableTenantRuleState);
        }

        /// <summary>The open scope <paramref name="name"/>, opened now if needed, for a file at <paramref name="path"/>.</summary>
        public Scope Open(string name, string path)
        {
            lock (_gate)
            {
                if (_open.TryGetValue(name, out var scope)) return scope;
                if (_allCompleted || _completed.Contains(name))
                {
                    // A caller bug, not bad input: the scope's findings are already out, a late file would split them.
                    throw new InvalidOperationException($"tenant scope '{name}' was completed before {path} was linted; lint a scope's files before completing it");
                }
                scope = new Scope(_engine, name, _inference);
                _open.Add(name, scope);
                return scope;
            }
        }

        /// <summary>
        /// Completes one scope: its tenant rules report, and its state is forgotten; or, when its files show its folder
        /// is an object-type folder, its state goes to <paramref name="foldedInto"/>, which reports for it when it completes.
        /// </summary>
        public IReadOnlyList<Finding> Complete(string name, out string? foldedInto)
        {
            Scope? scope;
            foldedInto = null;
            lock (_gate)
            {
                if (!_completed.Add(name)) throw new InvalidOperationException($"tenant scope '{name}' completes once");
                if (_open.TryGetValue(name, out scope)) _open.Remove(name);
                if (scope != null) foldedInto = FoldLocked(scope);
            }
            return scope == null || foldedInto != null ? Array.Empty<Finding>() : scope.Complete();
        }

        /// <summary>Completes every scope still open, innermost first (so folded scopes reach their enclosing one), reported in scope order.</summary>
        public IReadOnlyList<Finding> CompleteAll()
        {
            var completed = new List<Scope>();
            lock (_gate)
            {
                if (_allCompleted) throw new InvalidOperationException("a run completes once");
                _allCompleted = true;
                while (_open.Count > 0)
                {
                    // The deepest scope first: an enclosing scope is shorter, so it is still open when a scope folds into it.
                    var scope = _open.Values.OrderByDescending(s => s.Name.Length).ThenBy(s => s.Name, StringComparer.Ordinal).First();
                    _open.Remove(scope.Name);
                    _completed.Add(scope.Name);
                    if (FoldLocked(scope) == null) completed.Add(scope);
                }
            }
            var findings = new List<Finding>();
            foreach (var scope in completed.OrderBy(s => s.Name, StringComparer.Ordinal)) findings.AddRange(scope.Complete());
            return findings;
        }

        /// <summary>Folds a closed scope into its enclosing one when its files say so; returns that scope's name, or null.</summary>
        private string? FoldLocked(Scope scope)
        {
            if (_inference == null || !_mergeable || !scope.IsObjectTypeFolder) return null;
            var target = _inference.EnclosingScope(scope.Name);
            // Only into a folder above it that is still to report (a scope completed already has its findings out).
            if (target == null || target == scope.Name || !LintPipeline.IsUnder(scope.Name, target) || _completed.Contains(target)) return null;
            if (!_open.TryGetValue(target, out var enclosing))
            {
                enclosing = new Scope(_engine, target, _inference);
                _open.Add(target, enclosing);
            }
            enclosing.Absorb(scope);
            return target;
        }

        /// <summary>One tenant scope's rule states; observed concurrently by the scope's files.</summary>
        internal sealed class Scope
        {
            private readonly LintEngine _engine;
            private readonly IScopeInference? _inference;
            private readonly List<(TenantRule Rule, ITenantRuleState State)> _states;
            private readonly object _gate = new object();

            // What the scope's files said about its folder (see IScopeInference).
            private string? _kind;
            private bool _mixed;
            private bool _notObjectTypeFolder;

            public Scope(LintEngine engine, string name, IScopeInference? inference)
            {
                _engine = engine;
                _inference = inference;
                Name = name;
                _states = engine.Pack.TenantRules.Select(r => (r, r.CreateState())).ToList();
            }

            public string Name { get; }

            /// <summary>True when every file of the scope lies directly in its folder and holds objects of one kind, and some file holds one.</summary>
            public bool IsObjectTypeFolder
            {
                get
                {
                    lock (_gate) return _kind != null && !_mixed && !_notObjectTypeFolder;
                }
            }

            public void Observe(Resource resource, FindingSink sink)
            {
                foreach (var (rule, state) in _states)
                {
                    RuleGuard.Run(sink, _engine.Pack.Diagnostics, GuardSite.TenantResource(rule.Descriptors[0], resource), (state, resource), s => s.state.Observe(s.resource));
                }
            }

            /// <summary>Notes what one parsed document of the scope says about the scope's folder.</summary>
            public void Witness(string path, IReadOnlyList<Resource> resources, DocumentFacts? facts)
            {
                if (_inference == null) return;
                bool direct = IsDirectlyIn(path, Name);
                bool whole = facts != null && _inference.HoldsWholeExport(facts);
                string? kind = null;
                bool mixed = false;
                foreach (var resource in resources)
                {
                    var k = _inference.ObjectKind(resource);
                    if (k == null) continue;
                    if (kind == null) kind = k;
                    else if (!string.Equals(kind, k, StringComparison.Ordinal)) mixed = true;
                }
                lock (_gate)
                {
                    _notObjectTypeFolder |= !direct || whole;
                    _mixed |= mixed;
                    if (kind == null) return;
                    if (_kind == null) _kind = kind;
                    else if (!string.Equals(_kind, kind, StringComparison.Ordinal)) _mixed = true;
                }
            }

            public void ObserveDocument(DocumentFacts facts, FindingSink sink)
            {
                foreach (var (rule, state) in _states)
                {
                    if (state is not IDocumentObserver observer) continue;
                    RuleGuard.Run(sink, _engine.Pack.Diagnostics, GuardSite.TenantDocument(rule.Descriptors[0], facts.Document), (observer, facts), s => s.observer.ObserveDocument(s.facts));
                }
            }

            /// <summary>Takes in a folded scope's states (same rules, same order: both come from the pack's list).</summary>
            public void Absorb(Scope other)
            {
                for (int i = 0; i < _states.Count; i++) ((IMergeableTenantRuleState)_states[i].State).Absorb(other._states[i].State);
                // Its files are not directly in this folder: an enclosing export is no object-type folder itself.
                lock (_gate) _notObjectTypeFolder = true;
            }

            public IReadOnlyList<Finding> Complete()
            {
                var sink = new FindingSink(Name);
                foreach (var (rule, state) in _states)
                {
                    RuleGuard.Run(sink, _engine.Pack.Diagnostics, GuardSite.TenantScope(rule.Descriptors[0]), (state, sink), s => s.state.Complete(s.sink));
                }
                return sink.Sorted();
            }

            /// <summary>True when the file lies in the scope's folder itself, not in a subfolder.</summary>
            private static bool IsDirectlyIn(string path, string scope)
            {
                int start = scope.Length == 0 ? 0 : scope.Length + 1;
                if (scope.Length > 0 && (scope[scope.Length - 1] == '/' || scope[scope.Length - 1] == '\\')) start = scope.Length;
                if (start > path.Length) return false;
                return path.IndexOf('/', start) < 0 && path.IndexOf('\\', start) < 0;
            }
        }
    }
}
