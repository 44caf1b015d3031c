using System.Collections.Generic;
using System.Threading;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Rules.Typing;

namespace ConfigLint.Rules.Tenant
{
    /// <summary>Without a branding profile the ownership-change and Company Portal telemetry checks cannot run.</summary>
    public sealed class NoBrandingProfileRule : TenantRule
    {
        public const string Id = "CL1009";

        public static readonly RuleDescriptor Rule = new RuleDescriptor(
            id: Id,
            name: "Privacy.Tenant.NoBrandingProfileExported",
            title: "No Company Portal branding profile in the inputs",
            messageFormat: "not checkable offline: no Intune branding profile (intuneBrandingProfile) is among the inputs, so the ownership-change notification (CL1004) and Company Portal telemetry (CL1006) checks could not be verified; export GET /beta/deviceManagement/intuneBrandingProfiles (IntuneManagement object type 'IntuneBranding') and lint it with the rest",
            category: "Privacy",
            defaultSeverity: Severity.Info,
            description: "The DPIA's ownership-change and Company Portal telemetry risks live on the branding profile; when none is exported, ConfigLint says so instead of passing quietly.",
            source: "DPIA risks 1 and 3: covert ownership change; Company Portal telemetry without opt-out",
            tags: new[] { "dpia", "tenant" },
            helpUri: PackIdentifiers.GetHelpUri(Id));

        public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = new[] { Rule };

        public override ITenantRuleState CreateState() => new State();

        private sealed class State : ITenantRuleState, IMergeableTenantRuleState
        {
            private int _resources;
            private int _branding;

            public void Observe(Resource resource)
            {
                Interlocked.Increment(ref _resources);
                if (resource.Type == IntuneTyper.BrandingProfileType) Interlocked.Increment(ref _branding);
            }

            public void Absorb(ITenantRuleState other)
            {
                var folded = (State)other;
                Interlocked.Add(ref _resources, folded._resources);
                Interlocked.Add(ref _branding, folded._branding);
            }

            public void Complete(IFindingSink sink)
            {
                // A run with no Intune resource at all is not a tenant export; saying nothing is right there.
                if (_resources == 0 || _branding > 0) return;
                sink.Report(Rule, null);
            }
        }
    }
}
