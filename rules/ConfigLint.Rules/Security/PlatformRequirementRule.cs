using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Rules.Security
{
    /// <summary>
    /// "No compliance policy of this platform requires X". Tenants split compliance into several policies per
    /// platform (one for BitLocker, one for the firewall, ...), and in each of them false means "Not configured".
    /// So one policy's false proves nothing; the requirement is missing only when no policy of the platform sets it.
    /// </summary>
    public abstract class PlatformRequirementRule : TenantRule
    {
        /// <summary>The compliance policy types, with the platform name messages use.</summary>
        private static readonly Dictionary<string, string> CompliancePlatformNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["windows10CompliancePolicy"] = "Windows",
            ["iosCompliancePolicy"] = "iOS/iPadOS",
            ["macOSCompliancePolicy"] = "macOS",
            ["androidCompliancePolicy"] = "Android device administrator",
            ["androidWorkProfileCompliancePolicy"] = "Android Enterprise work profile",
            ["androidDeviceOwnerCompliancePolicy"] = "Android Enterprise fully managed",
        };

        /// <summary>The named compliance types with their platform names, in the order given.</summary>
        protected static IReadOnlyDictionary<string, string> PlatformsOf(params string[] types) =>
            types.ToDictionary(t => t, t => CompliancePlatformNames[t], StringComparer.Ordinal);

        protected abstract RuleDescriptor Rule { get; }

        /// <summary>The compliance types this requirement applies to, with the platform's name for messages.</summary>
        protected abstract IReadOnlyDictionary<string, string> Platforms { get; }

        /// <summary>True when the policy meets the requirement, false when it does not, null when the export does not say.</summary>
        protected abstract bool? Meets(string type, JsonObject policy);

        private IReadOnlyList<RuleDescriptor>? _descriptors;

        public override IReadOnlyList<RuleDescriptor> Descriptors => _descriptors ??= new[] { Rule };

        public override ITenantRuleState CreateState() => new State(this);

        /// <summary>A boolean property's value, or null when it is absent or not a boolean.</summary>
        protected static bool? Bool(JsonObject node, string name) => node[name]?.ScalarText switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };

        /// <summary>True when a string property is set, false when null or empty, null when absent.</summary>
        protected static bool? HasText(JsonObject node, string name)
        {
            var value = node[name];
            if (value == null) return null;
            return !string.IsNullOrWhiteSpace(value.ScalarText);
        }

        /// <summary>True when any of the answers is true; null only when every answer is null.</summary>
        protected static bool? Any(params bool?[] answers) =>
            answers.Any(a => a == true) ? true : answers.All(a => a == null) ? null : false;

        private sealed class Platform
        {
            public int Checked;
            public bool Met;
            public SourceLocation? First;
            public int FirstOrder;
        }

        private sealed class State : ITenantRuleState, IMergeableTenantRuleState
        {
            private readonly PlatformRequirementRule _rule;
            private readonly object _gate = new object();
            private readonly Dictionary<string, Platform> _platforms = new Dictionary<string, Platform>(StringComparer.Ordinal);

            public State(PlatformRequirementRule rule)
            {
                _rule = rule;
            }

            public void Observe(Resource resource)
            {
                if (resource.Type == null || !_rule.Platforms.ContainsKey(resource.Type)) return;
                var answer = _rule.Meets(resource.Type, resource.Node);
                // The export does not carry the property: the policy can neither meet nor miss the requirement.
                if (answer == null) return;
                lock (_gate)
                {
                    if (!_platforms.TryGetValue(resource.Type, out var platform)) _platforms[resource.Type] = platform = new Platform();
                    platform.Checked++;
                    platform.Met |= answer.Value;
                    // Files arrive in any order; the first policy by path and position keeps the report stable. The
                    // location is built only for a policy that comes first so far (tree offsets order a file's objects).
                    int byPath = platform.First == null ? -1 : string.CompareOrdinal(resource.Path, platform.First.Path);
                    if (byPath < 0 || (byPath == 0 && resource.Node.Start < platform.FirstOrder))
                    {
                        platform.First = resource.AnchorLocation;
                        platform.FirstOrder = resource.Node.Start;
                    }
                }
            }

            public void Absorb(ITenantRuleState other)
            {
                var folded = (State)other;
                lock (_gate)
                {
                    foreach (var pair in folded._platforms)
                    {
                        if (!_platforms.TryGetValue(pair.Key, out var platform)) _platforms[pair.Key] = platform = new Platform();
                        platform.Checked += pair.Value.Checked;
                        platform.Met |= pair.Value.Met;
                        var first = pair.Value.First;
                        if (first == null) continue;
                        int byPath = platform.First == null ? -1 : string.CompareOrdinal(first.Path, platform.First.Path);
                        if (byPath < 0 || (byPath == 0 && pair.Value.FirstOrder < platform.FirstOrder))
                        {
                            platform.First = first;
                            platform.FirstOrder = pair.Value.FirstOrder;
                        }
                    }
                }
            }

            public void Complete(IFindingSink sink)
            {
                foreach (var pair in _platforms.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (pair.Value.Met) continue;
                    sink.Report(_rule.Rule, pair.Value.First, new MessageArgs { ["platform"] = _rule.Platforms[pair.Key], ["checked"] = pair.Value.Checked, ["type"] = pair.Key });
                }
            }
        }
    }
}
