using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// Told which rules ran on which resource, so a front end can say "passed" as well as "failed" (an audit's control
    /// status). Only the evaluator knows applicability: a value rule runs on a resource where its setting occurs, a scan
    /// rule and a C# rule on every resource of their types. Called concurrently from the run's workers, before the
    /// file's findings are handed over.
    /// </summary>
    public interface IRuleEvaluationListener
    {
        /// <summary>The rules in <paramref name="rules"/> were evaluated on <paramref name="resource"/> (findings or not).</summary>
        void Evaluated(Resource resource, IReadOnlyList<RuleDescriptor> rules);
    }
}
