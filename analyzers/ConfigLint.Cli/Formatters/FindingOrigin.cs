using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// Where a finding is shown, computed once per finding for every format: the report path (relative to the
    /// repository root, or absolute outside it), the absolute path, and a region.
    /// </summary>
    /// <remarks>
    /// A tenant-level finding (about a whole export, e.g. "no branding profile exported") belongs to no file. Hosts that
    /// need a file and a line (GitHub code scanning, annotations, JUnit) get it <b>anchored</b>: to the first file of
    /// that tenant's export in walk order, at line 1, column 1, with the tenant folder in the message. The choice is
    /// made here once; SARIF also lists the folder as a related location. The console keeps the MSBuild origin
    /// <c>tenants/contoso : info CL1009: …</c>, which names the folder itself.
    /// </remarks>
    public sealed class FindingOrigin
    {
        private FindingOrigin(string path, string fullPath, int line, int column, int endLine, int endColumn, string? scope)
        {
            Path = path;
            FullPath = fullPath;
            Line = line;
            Column = column;
            EndLine = endLine;
            EndColumn = endColumn;
            Scope = scope;
        }

        /// <summary>The report path: relative to the repository root when inside it, absolute otherwise (native separators).</summary>
        public string Path { get; }

        /// <summary>The report path with forward slashes (GitHub <c>file=</c>, SARIF URIs, JUnit).</summary>
        public string UriPath => System.IO.Path.DirectorySeparatorChar == '\\' ? Path.Replace('\\', '/') : Path;

        public string FullPath { get; }
        public int Line { get; }
        public int Column { get; }
        public int EndLine { get; }
        public int EndColumn { get; }

        /// <summary>For a tenant-level finding: its export folder as a report path ("" = the root itself); null for a finding in a file.</summary>
        public string? Scope { get; }

        /// <summary>True for a tenant-level finding anchored to its tenant's first file at line 1 (see the remarks).</summary>
        public bool IsAnchored => Scope != null;

        public static FindingOrigin InFile(string path, string root, Core.Text.SourceLocation location) =>
            new FindingOrigin(path, Full(path, root), location.Start.Line, location.Start.Column, location.End.Line, location.End.Column, scope: null);

        public static FindingOrigin Anchored(string anchorPath, string root, string scope) =>
            new FindingOrigin(anchorPath, Full(anchorPath, root), 1, 1, 1, 1, scope);

        private static string Full(string path, string root) => System.IO.Path.GetFullPath(System.IO.Path.Combine(root, path));

        /// <summary>
        /// Computes origins as the run reports files: it remembers the first file of each tenant scope in progress, so
        /// a tenant's findings, which come after its last file, can be anchored to its first.
        /// </summary>
        public sealed class Resolver
        {
            private readonly string _root;
            private readonly Dictionary<string, string> _firstFile = new Dictionary<string, string>(StringComparer.Ordinal);
            private string? _firstOfRun;

            public Resolver(string root)
            {
                _root = root;
            }

            /// <summary>A file was linted; <paramref name="scope"/> is its tenant scope.</summary>
            public void FileLinted(string path, string scope)
            {
                _firstOfRun ??= path;
                if (!_firstFile.ContainsKey(scope)) _firstFile[scope] = path;
            }

            /// <summary>A scope completed: its findings were resolved, its first file is no longer needed.</summary>
            public void ScopeCompleted(string scope)
            {
                _firstFile.Remove(scope);
                // Scopes folded into this one (object-type folders, see IScopeInference) complete with it.
                foreach (var folded in _firstFile.Keys.Where(k => Core.Engine.LintPipeline.IsUnder(k, scope)).ToList()) _firstFile.Remove(folded);
            }

            public FindingOrigin For(Finding finding)
            {
                if (finding.Location != null) return InFile(finding.Location.Path, _root, finding.Location);
                string scope = finding.Scope ?? finding.TenantScope ?? string.Empty;
                // A scope with no file of its own (not produced by a folder walk) anchors to the run's first file.
                // A scope whose files all lay in folded object-type folders anchors to the first of those files.
                string? first = _firstFile.TryGetValue(scope, out var own) ? own
                    : _firstFile.Where(p => Core.Engine.LintPipeline.IsUnder(p.Key, scope)).Select(p => p.Value).OrderBy(p => p, StringComparer.Ordinal).FirstOrDefault();
                string anchor = first ?? _firstOfRun ?? scope;
                return Anchored(anchor, _root, scope);
            }
        }
    }
}
