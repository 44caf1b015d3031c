using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Audit
{
    /// <summary>Where each outcome goes as the run produces it (the history database); a resource's outcomes come together.</summary>
    public interface IOutcomeRecorder
    {
        void Record(ResourceIdentity resource, IReadOnlyList<OutcomeRecord> outcomes);
    }

    /// <summary>A resource as the history keeps it: type, Graph id, display name, file (line of its anchor).</summary>
    public sealed record ResourceIdentity(string? Type, string? GraphId, string? DisplayName, string? File, int? Line);

    public sealed record OutcomeRecord(string RuleId, Outcome Outcome, string Fingerprint, string? Severity);

    /// <summary>
    /// Joins what the evaluator says ran on each resource (<see cref="IRuleEvaluationListener"/>) with the findings of
    /// the same file, into one outcome per rule and resource, streamed to the recorder. Only counts and findings stay in
    /// memory, so the memory of an audit grows with the findings, not with the resources.
    /// </summary>
    public sealed class AuditCollector : ILintListener, IRuleEvaluationListener
    {
        private readonly LintEngine _engine;
        private readonly ISuppressionSource _suppressions;
        private readonly Func<IOutcomeRecorder?> _recorder;
        private readonly ConcurrentDictionary<string, ConcurrentQueue<EvaluatedResource>> _pending = new ConcurrentDictionary<string, ConcurrentQueue<EvaluatedResource>>(StringComparer.Ordinal);
        private readonly Dictionary<string, int[]> _byRule = new Dictionary<string, int[]>(StringComparer.Ordinal);
        private readonly Func<Finding, Finding?> _configure;
        private readonly Func<Finding, Outcome, AcceptedRisk?, AuditFinding> _convert;

        /// <summary>A collector; <paramref name="configure"/> applies configured severities (null: the rule is off), as lint does.</summary>
        public AuditCollector(LintEngine engine, ISuppressionSource suppressions, Func<IOutcomeRecorder?> recorder, Func<Finding, Outcome, AcceptedRisk?, AuditFinding> convert, Func<Finding, Finding?>? configure = null)
        {
            _convert = convert;
            _engine = engine;
            _configure = configure ?? (f => f);
            _suppressions = suppressions;
            _recorder = recorder;
            foreach (var rule in engine.Rules) _byRule[rule.Id] = new int[5];
        }

        public int Files { get; private set; }
        public int Resources { get; private set; }
        /// <summary>The findings, converted as they come so the engine's objects (locations, subjects) are not kept.</summary>
        public List<AuditFinding> Findings { get; } = new List<AuditFinding>();
        public HashSet<string> Scopes { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Counts per rule ID, indexed by <see cref="Outcome"/>.</summary>
        public IReadOnlyDictionary<string, int[]> ByRule => _byRule;

        public void Evaluated(Resource resource, IReadOnlyList<RuleDescriptor> rules)
        {
            // Runs on the workers: the pass fingerprints (rule, tenant, resource) are hashed here, not on the reporting thread.
            var anchor = resource.AnchorLocation;
            string scope = _engine.Pack.Typer.TenantScope(resource.Path);
            var fingerprints = new (RuleDescriptor, string)[rules.Count];
            for (int i = 0; i < rules.Count; i++) fingerprints[i] = (rules[i], new Finding(rules[i], rules[i].DefaultSeverity, string.Empty, anchor, scope).Fingerprint);
            var identity = new ResourceIdentity(resource.Type, resource.Id, resource.DisplayName, resource.Path, anchor.Start.Line);
            _pending.GetOrAdd(resource.Path, _ => new ConcurrentQueue<EvaluatedResource>()).Enqueue(new EvaluatedResource(identity, fingerprints));
        }

        public void FileLinted(FileResult result)
        {
            Files++;
            Resources += result.ResourceCount;
            Scopes.Add(result.Scope);
            _pending.TryRemove(result.Path, out var evaluated);

            var byResource = new Dictionary<(string?, string?, string?, string), List<(Finding Finding, Outcome Outcome)>>();
            foreach (var raw in result.Findings)
            {
                var finding = _configure(raw);
                if (finding == null) continue;
                var outcome = Classify(finding);
                var subject = finding.Subject;
                var key = (subject?.ResourceType, subject?.ResourceId, subject?.ResourceName, finding.RuleId);
                if (!byResource.TryGetValue(key, out var list)) byResource[key] = list = new List<(Finding, Outcome)>();
                list.Add((finding, outcome));
            }

            if (evaluated != null)
            {
                foreach (var resource in evaluated)
                {
                    var outcomes = new List<OutcomeRecord>(resource.Rules.Length);
                    foreach (var (rule, fingerprint) in resource.Rules)
                    {
                        var key = (resource.Identity.Type, resource.Identity.GraphId, resource.Identity.DisplayName, rule.Id);
                        if (byResource.TryGetValue(key, out var found))
                        {
                            byResource.Remove(key);
                            foreach (var (finding, outcome) in found) outcomes.Add(Count(finding, outcome));
                        }
                        else
                        {
                            outcomes.Add(Count(rule.Id, Outcome.Pass, fingerprint, null));
                        }
                    }
                    _recorder()?.Record(resource.Identity, outcomes);
                }
            }

            // Findings about the file itself (unreadable, not JSON) or about a resource the evaluator did not report.
            foreach (var pair in byResource)
            {
                foreach (var (finding, outcome) in pair.Value)
                {
                    var subject = finding.Subject;
                    _recorder()?.Record(new ResourceIdentity(subject?.ResourceType ?? "file", subject?.ResourceId, subject?.ResourceName, result.Path, finding.Location?.Start.Line), new[] { Count(finding, outcome) });
                }
            }
        }

        /// <summary>
        /// Tenant rules run once per tenant scope, every one of them (<see cref="TenantScopes"/> completes each rule's
        /// state), so each has an outcome on the scope. A rule whose sibling descriptor says "not checkable offline" could
        /// not judge either: the two descriptors are one check (e.g. CL1010 and CL1011).
        /// </summary>
        public void ScopeCompleted(string scope, IReadOnlyList<Finding> findings)
        {
            Scopes.Add(scope);
            var outcomes = new List<OutcomeRecord>();
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var raw in findings)
            {
                var finding = _configure(raw);
                if (finding == null) continue;
                reported.Add(finding.RuleId);
                outcomes.Add(Count(finding, Classify(finding)));
            }
            foreach (var rule in _engine.Pack.TenantRules)
            {
                bool notCheckable = findings.Any(f => rule.Descriptors.Contains(f.Rule) && OutcomeNames.IsNotCheckable(f.Message));
                foreach (var descriptor in rule.Descriptors)
                {
                    if (reported.Contains(descriptor.Id)) continue;
                    var fingerprint = new Finding(descriptor, descriptor.DefaultSeverity, string.Empty, null, scope).Fingerprint;
                    outcomes.Add(Count(descriptor.Id, notCheckable ? Outcome.NotCheckable : Outcome.Pass, fingerprint, null));
                }
            }
            _recorder()?.Record(new ResourceIdentity("tenant", null, FindingFingerprint.ScopeName(scope), scope, null), outcomes);
        }

        /// <summary>Rules that ran on nothing: one "not applicable" outcome each, on the tenant.</summary>
        public void CompleteNotApplicable(string tenant)
        {
            var outcomes = new List<OutcomeRecord>();
            foreach (var rule in _engine.Rules)
            {
                var counts = _byRule[rule.Id];
                if (counts.Sum() > 0) continue;
                counts[(int)Outcome.NotApplicable]++;
                outcomes.Add(new OutcomeRecord(rule.Id, Outcome.NotApplicable, new Finding(rule, rule.DefaultSeverity, string.Empty, null, tenant).Fingerprint, null));
            }
            if (outcomes.Count > 0) _recorder()?.Record(new ResourceIdentity("tenant", null, tenant, null, null), outcomes);
        }

        private Outcome Classify(Finding finding)
        {
            if (OutcomeNames.IsNotCheckable(finding.Message)) return Outcome.NotCheckable;
            return _suppressions.Match(finding) != null ? Outcome.Suppressed : Outcome.Fail;
        }

        private OutcomeRecord Count(Finding finding, Outcome outcome)
        {
            Findings.Add(_convert(finding, outcome, outcome == Outcome.Suppressed ? _suppressions.Match(finding) : null));
            return Count(finding.RuleId, outcome, finding.Fingerprint, finding.Severity.ToName());
        }

        private OutcomeRecord Count(string ruleId, Outcome outcome, string fingerprint, string? severity)
        {
            if (!_byRule.TryGetValue(ruleId, out var counts)) _byRule[ruleId] = counts = new int[5];
            counts[(int)outcome]++;
            return new OutcomeRecord(ruleId, outcome, fingerprint, severity);
        }

        private sealed class EvaluatedResource
        {
            public EvaluatedResource(ResourceIdentity identity, (RuleDescriptor Rule, string Fingerprint)[] rules)
            {
                Identity = identity;
                Rules = rules;
            }

            public ResourceIdentity Identity { get; }
            public (RuleDescriptor Rule, string Fingerprint)[] Rules { get; }
        }
    }
}
