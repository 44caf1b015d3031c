using System;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>What a guarded piece of rule work runs on, so that its failure can say where and what (built only on failure).</summary>
    internal readonly struct GuardSite
    {
        private enum Kind
        {
            ReadSettings,
            Rule,
            TenantResource,
            TenantDocument,
            TenantScope,
        }

        private readonly Kind _kind;
        private readonly RuleDescriptor? _rule;
        private readonly Resource? _resource;
        private readonly JsonDocument? _document;

        private GuardSite(Kind kind, RuleDescriptor? rule, Resource? resource, JsonDocument? document)
        {
            _kind = kind;
            _rule = rule;
            _resource = resource;
            _document = document;
        }

        /// <summary>Reading a resource's settings through the pack's extractors.</summary>
        public static GuardSite ReadSettings(Resource resource) => new GuardSite(Kind.ReadSettings, null, resource, null);

        /// <summary>A value, scan or resource rule on one resource.</summary>
        public static GuardSite Rule(RuleDescriptor rule, Resource resource) => new GuardSite(Kind.Rule, rule, resource, null);

        /// <summary>A tenant rule observing one resource.</summary>
        public static GuardSite TenantResource(RuleDescriptor rule, Resource resource) => new GuardSite(Kind.TenantResource, rule, resource, null);

        /// <summary>A tenant rule observing one parsed file.</summary>
        public static GuardSite TenantDocument(RuleDescriptor rule, JsonDocument document) => new GuardSite(Kind.TenantDocument, rule, null, document);

        /// <summary>A tenant rule completing its scope.</summary>
        public static GuardSite TenantScope(RuleDescriptor rule) => new GuardSite(Kind.TenantScope, rule, null, null);

        public SourceLocation? Location =>
            _resource != null ? _resource.AnchorLocation
            : _document != null ? _document.GetLocation(_document.Root.Start, _document.Root.Start + 1)
            : null;

        public string Failure => _kind switch
        {
            Kind.ReadSettings => $"reading the settings of {_resource!.Describe()} failed",
            Kind.Rule => $"rule {_rule!.Id} failed on {_resource!.Describe()}",
            Kind.TenantResource => $"tenant rule {_rule!.Id} failed on {_resource!.Describe()}",
            Kind.TenantDocument => $"tenant rule {_rule!.Id} failed on this file",
            _ => $"tenant rule {_rule!.Id} failed",
        };
    }

    /// <summary>
    /// The one place where a rule's exception becomes a finding: a rule bug is reported as CL9001 where the rule was
    /// looking, and must not hide the other findings of the run.
    /// </summary>
    internal static class RuleGuard
    {
        /// <summary>Runs <paramref name="work"/>; returns false (after reporting CL9001) when it threw.</summary>
        public static bool Run<TState>(FindingSink sink, EngineDiagnostics diagnostics, GuardSite site, TState state, Action<TState> work)
        {
            try
            {
                work(state);
                return true;
            }
            catch (Exception ex)
            {
                Report(sink, diagnostics, site, ex);
                return false;
            }
        }

        /// <summary>As <see cref="Run{TState}"/>, for work with a result; <paramref name="result"/> is default when it threw.</summary>
        public static bool TryRun<TState, TResult>(FindingSink sink, EngineDiagnostics diagnostics, GuardSite site, TState state, Func<TState, TResult> work, out TResult result)
        {
            try
            {
                result = work(state);
                return true;
            }
            catch (Exception ex)
            {
                Report(sink, diagnostics, site, ex);
                result = default!;
                return false;
            }
        }

        private static void Report(FindingSink sink, EngineDiagnostics diagnostics, GuardSite site, Exception ex)
        {
            if (ex is Rules.ConditionTimeoutException timeout)
            {
                // A user's pattern that backtracks without end: say so at the value, and the run goes on.
                sink.Report(diagnostics.RegexTimeout, timeout.Occurrence.Location, new MessageArgs
                {
                    ["failure"] = site.Failure.Replace(" failed on ", " was not checked on "),
                    ["error"] = timeout.Message,
                });
                return;
            }
            sink.Report(diagnostics.InternalError, site.Location, new MessageArgs
            {
                ["failure"] = site.Failure,
                ["error"] = $"{ex.GetType().Name}: {ex.Message}",
            });
        }
    }
}
