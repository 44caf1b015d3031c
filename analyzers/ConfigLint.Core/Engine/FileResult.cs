using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Engine
{
    /// <summary>What linting one file produced.</summary>
    public sealed class FileResult
    {
        public FileResult(string path, IReadOnlyList<Finding> findings, int resourceCount, bool parsed, string scope)
        {
            Path = path;
            Scope = scope;
            Findings = findings;
            ResourceCount = resourceCount;
            Parsed = parsed;
        }

        public string Path { get; }

        /// <summary>The tenant scope the file belongs to (see <see cref="IResourceTyper.TenantScope"/>).</summary>
        public string Scope { get; }

        /// <summary>Findings in report order.</summary>
        public IReadOnlyList<Finding> Findings { get; }

        public int ResourceCount { get; }
        public bool Parsed { get; }
    }
}
