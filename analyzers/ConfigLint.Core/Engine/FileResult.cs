using System.Collections.Generic;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Engine
{
    /// <summary>What linting one file produced.</summary>
    public sealed class FileResult
    {
        public FileResult(string path, IReadOnlyList<Finding> findings, int resourceCount, bool parsed)
        {
            Path = path;
            Findings = findings;
            ResourceCount = resourceCount;
            Parsed = parsed;
        }

        public string Path { get; }

        /// <summary>Findings in report order.</summary>
        public IReadOnlyList<Finding> Findings { get; }

        public int ResourceCount { get; }
        public bool Parsed { get; }
    }
}
