using System;
using System.Security.Cryptography;
using System.Text;

namespace ConfigLint.Core.Model
{
    /// <summary>
    /// A finding's stable identity across runs: rule ID, tenant (the export folder's name), resource identity (type and
    /// id, else display name, else the file's path inside its export) and setting identity. Line numbers, formatting and
    /// the folder the command ran from are not part of it, so a re-exported or re-indented file keeps its fingerprints.
    /// Two findings of one rule on the same subject share a fingerprint; consumers match them as a multiset.
    /// </summary>
    public static class FindingFingerprint
    {
        /// <summary>Bumped when the inputs of the hash change, so stored baselines can tell they are stale.</summary>
        public const string Version = "1";

        public static string Compute(Finding finding)
        {
            var subject = finding.Subject;
            string scope = CachedScopeName(finding.TenantScope);
            string resource;
            if (subject != null && (subject.ResourceId != null || subject.ResourceName != null))
            {
                resource = (subject.ResourceType ?? string.Empty) + (subject.ResourceId != null ? "#id:" + subject.ResourceId : "#name:" + subject.ResourceName);
            }
            else if (finding.Location != null)
            {
                resource = (subject?.ResourceType ?? string.Empty) + "#path:" + RelativePath(finding.TenantScope, finding.Location.Path);
            }
            else
            {
                resource = string.Empty;
            }
            string text = finding.RuleId + "\n" + scope + "\n" + resource + "\n" + (subject?.Setting ?? string.Empty);
            // Every finding of a JSON or SARIF report takes one: the hash object is kept per thread rather than
            // created (and its native context set up) each time.
            var sha = _sha ??= SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var hex = new char[32];
            for (int i = 0; i < 16; i++)
            {
                hex[2 * i] = HexDigits[hash[i] >> 4];
                hex[(2 * i) + 1] = HexDigits[hash[i] & 0xF];
            }
            return new string(hex);
        }

        private const string HexDigits = "0123456789abcdef";

        [ThreadStatic] private static SHA256? _sha;
        [ThreadStatic] private static string? _lastScope;
        [ThreadStatic] private static string? _lastScopeName;

        /// <summary><see cref="ScopeName"/> of the scope asked about last: a run's findings come scope by scope.</summary>
        private static string CachedScopeName(string? scope)
        {
            if (_lastScopeName != null && string.Equals(scope, _lastScope, StringComparison.Ordinal)) return _lastScopeName;
            var name = ScopeName(scope);
            _lastScope = scope;
            _lastScopeName = name;
            return name;
        }

        /// <summary>The export folder's own name, whatever folder the run started from ("" when unknown).</summary>
        public static string ScopeName(string? scope)
        {
            string full = Normalize(System.IO.Path.GetFullPath(string.IsNullOrEmpty(scope) ? "." : scope));
            int slash = full.LastIndexOf('/');
            return slash >= 0 ? full.Substring(slash + 1) : full;
        }

        /// <summary>The file's path inside its export folder, with forward slashes.</summary>
        public static string RelativePath(string? scope, string path)
        {
            string file = Normalize(System.IO.Path.GetFullPath(path));
            string folder = Normalize(System.IO.Path.GetFullPath(string.IsNullOrEmpty(scope) ? "." : scope));
            if (folder.Length > 0 && file.StartsWith(folder + "/", StringComparison.Ordinal)) return file.Substring(folder.Length + 1);
            return file;
        }

        private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');
    }
}
