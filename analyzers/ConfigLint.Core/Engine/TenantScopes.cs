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
    internal sealed class TenantScopes
    {
        private readonly LintEngine _engine;
        private readonly object _gate = new object();
        private readonly Dictionary<string, Scope> _open = new Dictionary<string, Scope>(StringComparer.Ordinal);
        private readonly HashSet<string> _completed = new HashSet<string>(StringComparer.Ordinal);
        private bool _allCompleted;

        public TenantScopes(LintEngine engine)
        {
            _engine = engine;
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
                scope = new Scope(_engine, name);
                _open.Add(name, scope);
                return scope;
            }
        }

        /// <summary>Completes one scope: its tenant rules report, and its state is forgotten.</summary>
        public IReadOnlyList<Finding> Complete(string name)
        {
            Scope? scope;
            lock (_gate)
            {
                if (!_completed.Add(name)) throw new InvalidOperationException($"tenant scope '{name}' completes once");
                if (_open.TryGetValue(name, out scope)) _open.Remove(name);
            }
            return scope == null ? Array.Empty<Finding>() : scope.Complete();
        }

        /// <summary>Completes every scope still open, in scope order.</summary>
        public IReadOnlyList<Finding> CompleteAll()
        {
            List<Scope> open;
            lock (_gate)
            {
                if (_allCompleted) throw new InvalidOperationException("a run completes once");
                _allCompleted = true;
                open = _open.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
                _open.Clear();
            }
            var findings = new List<Finding>();
            foreach (var scope in open) findings.AddRange(scope.Complete());
            return findings;
        }

        /// <summary>One tenant scope's rule states; observed concurrently by the scope's files.</summary>
        internal sealed class Scope
        {
            private readonly LintEngine _engine;
            private readonly List<(TenantRule Rule, ITenantRuleState State)> _states;

            public Scope(LintEngine engine, string name)
            {
                _engine = engine;
                Name = name;
                _states = engine.Pack.TenantRules.Select(r => (r, r.CreateState())).ToList();
            }

            public string Name { get; }

            public void Observe(Resource resource, FindingSink sink)
            {
                foreach (var (rule, state) in _states)
                {
                    RuleGuard.Run(sink, _engine.Pack.Diagnostics, GuardSite.TenantResource(rule.Descriptors[0], resource), (state, resource), s => s.state.Observe(s.resource));
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

            public IReadOnlyList<Finding> Complete()
            {
                var sink = new FindingSink(_engine.Options, Name);
                foreach (var (rule, state) in _states)
                {
                    RuleGuard.Run(sink, _engine.Pack.Diagnostics, GuardSite.TenantScope(rule.Descriptors[0]), (state, sink), s => s.state.Complete(s.sink));
                }
                return sink.Sorted();
            }
        }
    }
}
