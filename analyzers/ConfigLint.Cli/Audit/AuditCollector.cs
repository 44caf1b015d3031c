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
    /// the same file, into one outcome per rule and resource, streamed to the recorder (the history, in batches). The
    /// findings go to the <see cref="FindingSpool"/> as they come; only counts per rule, the controls' summary and
    /// the number of findings per accepted risk stay in memory, so an audit's memory grows with neither the resources
    /// nor the findings.
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
        private readonly FindingSpool _spool;

        /// <summary>A collector; <paramref name="configure"/> applies configured severities (null: the rule is off), as lint does.</summary>
        public AuditCollector(LintEngine engine, ISuppressionSource suppressions, Func<IOutcomeRecorder?> recorder, Func<Finding, Outcome, AcceptedRisk?, AuditFinding> convert, FindingSpool spool, Func<Finding, Finding?>? configure = null)
        {
            _convert = convert;
            _spool = spool;
            _engine = engine;
            _configure = configure ?? (f => f);
            _suppressions = suppressions;
            _recorder = recorder;
            foreach (var rule in engine.Rules) _byRule[rule.Id] = new int[5];
        }

        public int Files { get; private set; }
        public int Resources { get; private set; }
        /// <summary>Per rule and outcome, for the controls tables (the findings themselves are in the spool).</summary>
        public FindingSummary Summary { get; } = new FindingSummary();

        /// <summary>Open (fail) findings by severity name, and accepted (suppressed) findings.</summary>
        public Dictionary<string, int> OpenBySeverity { get; } = new Dictionary<string, int>(StringComparer.Ordinal);
        public int Accepted { get; private set; }

        /// <summary>How many findings each accepted risk covers.</summary>
        public Dictionary<AcceptedRisk, int> Matched { get; } = new Dictionary<AcceptedRisk, int>();

        /// <summary>The suppressions' own findings as lint prints them (<c>file(line,col): warning CLxxxx: message</c>).</summary>
        public List<string> SuppressionNotices { get; } = new List<string>();

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

            var byResource = new Dictionary<(string?, string?, string?, string), List<(Finding Finding, Outcome Outcome, AcceptedRisk? Risk)>>();
            foreach (var raw in result.Findings)
            {
                var finding = _configure(raw);
                if (finding == null) continue;
                var (outcome, risk) = Classify(finding);
                var subject = finding.Subject;
                var key = (subject?.ResourceType, subject?.ResourceId, subject?.ResourceName, finding.RuleId);
                if (!byResource.TryGetValue(key, out var list)) byResource[key] = list = new List<(Finding, Outcome, AcceptedRisk?)>();
                list.Add((finding, outcome, risk));
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
                            foreach (var (finding, outcome, risk) in found) outcomes.Add(Count(finding, outcome, risk));
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
                foreach (var (finding, outcome, risk) in pair.Value)
                {
                    var subject = finding.Subject;
                    _recorder()?.Record(new ResourceIdentity(subject?.ResourceType ?? "file", subject?.ResourceId, subject?.ResourceName, result.Path, finding.Location?.Start.Line), new[] { Count(finding, outcome, risk) });
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
                var (outcome, risk) = Classify(finding);
                outcomes.Add(Count(finding, outcome, risk));
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

        /// <summary>
        /// After the last file: the suppressions' own findings (an expired entry is a warning, an unused one a
        /// suggestion, as in <c>lint</c>), each on its suppressions file; then the rules that ran on nothing, one
        /// "not applicable" outcome each, on the tenant.
        /// </summary>
        public void Complete(string tenant, ConfigLint.Core.Suppressions.AdoptionDiagnostics descriptors)
        {
            foreach (var raw in _suppressions.Diagnostics(descriptors))
            {
                var finding = _configure(raw);
                if (finding == null) continue;
                var (outcome, risk) = Classify(finding);
                var at = finding.Location;
                SuppressionNotices.Add($"{at?.Path}({at?.Start.Line},{at?.Start.Column}): {finding.Severity.ToName()} {finding.RuleId}: {finding.Message}");
                _recorder()?.Record(new ResourceIdentity("suppressions file", null, null, finding.Location?.Path, finding.Location?.Start.Line), new[] { Count(finding, outcome, risk) });
            }
            CompleteNotApplicable(tenant);
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

        /// <summary>
        /// Suppression first, as <c>lint</c> applies it to every finding it reports, so the two agree on what is suppressed
        /// (and on which entries are unused); a finding that says it cannot judge is "not checkable offline"; else a failure.
        /// The source is asked once per finding: a suppressions file counts its entries' uses.
        /// </summary>
        private (Outcome, AcceptedRisk?) Classify(Finding finding)
        {
            var risk = _suppressions.Match(finding);
            if (risk != null) return (Outcome.Suppressed, risk);
            return (OutcomeNames.IsNotCheckable(finding.Message) ? Outcome.NotCheckable : Outcome.Fail, null);
        }

        private OutcomeRecord Count(Finding finding, Outcome outcome, AcceptedRisk? risk)
        {
            var converted = _convert(finding, outcome, risk);
            _spool.Add(converted);
            Summary.Add(converted);
            if (outcome == Outcome.Fail) OpenBySeverity[converted.Severity] = OpenBySeverity.TryGetValue(converted.Severity, out int n) ? n + 1 : 1;
            if (risk != null)
            {
                Accepted++;
                Matched[risk] = Matched.TryGetValue(risk, out int m) ? m + 1 : 1;
            }
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
