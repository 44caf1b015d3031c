using System;
using System.Collections.Generic;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>A linted file as the reports see it.</summary>
    public sealed class LintedFile
    {
        public LintedFile(string path, string scope, int resourceCount, IReadOnlyList<CheckedResource>? @checked = null)
        {
            Path = path;
            Scope = scope;
            ResourceCount = resourceCount;
            Checked = @checked ?? Array.Empty<CheckedResource>();
        }

        /// <summary>The report path (relative to the repository root, or absolute outside it).</summary>
        public string Path { get; }

        /// <summary>The tenant scope (export folder) the file belongs to.</summary>
        public string Scope { get; }

        public int ResourceCount { get; }

        /// <summary>The (rule, resource) pairs the engine evaluated in this file; filled only when a format asks (JUnit).</summary>
        public IReadOnlyList<CheckedResource> Checked { get; }
    }
}
