using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;

namespace ConfigLint.Rules.Typing
{
    /// <summary>
    /// Assignments kept outside the policy file. IntuneBackupAndRestore writes
    /// <c>&lt;Folder&gt;\Assignments\&lt;name&gt;.json</c> (App Protection and Client Apps: <c>&lt;id&gt; - &lt;name&gt;.json</c>)
    /// beside <c>&lt;Folder&gt;\&lt;name&gt;.json</c>, as <c>$assignments | ConvertTo-Json</c>: an array, a single object
    /// when there is one assignment, and an empty file when there is none.
    /// </summary>
    public static class AssignmentFiles
    {
        private static readonly Regex IdPrefix = new Regex(@"^(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}) - (?<name>.+)$", RegexOptions.CultureInvariant);

        /// <summary>IntuneBackupAndRestore's policy folders, the only layout that keeps assignments in separate files.</summary>
        private static readonly HashSet<string> PolicyFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Settings Catalog", "Device Configurations", "Device Compliance Policies", "Administrative Templates",
            "App Protection Policies", "Client Apps", "Device Management Scripts", "Device Health Scripts",
            "Autopilot Deployment Profiles",
        };

        /// <summary>
        /// True when an assignment file may carry this resource's assignments: a one-policy file in an
        /// IntuneBackupAndRestore policy folder. Other exports without inline assignments simply did not export them.
        /// </summary>
        public static bool MayHaveAssignmentFile(Resource resource) =>
            ReferenceEquals(resource.Document.Root, resource.Node)
            && PolicyFolders.Contains(Path.GetFileName(Path.GetDirectoryName(resource.Path) ?? string.Empty));

        public static bool IsAssignmentPath(string path) =>
            string.Equals(Path.GetFileName(Path.GetDirectoryName(path) ?? string.Empty), "Assignments", StringComparison.OrdinalIgnoreCase);

        /// <summary>The policy keys an assignment file answers for, and how many assignments it holds.</summary>
        public static bool TryRead(DocumentFacts facts, out IReadOnlyList<string> keys, out int count) =>
            TryRead(facts, out keys, out count, out _);

        /// <summary>As <see cref="TryRead(DocumentFacts, out IReadOnlyList{string}, out int)"/>, with the assignment targets.</summary>
        public static bool TryRead(DocumentFacts facts, out IReadOnlyList<string> keys, out int count, out IReadOnlyCollection<string> targets)
        {
            keys = Array.Empty<string>();
            count = 0;
            targets = Array.Empty<string>();
            if (facts.Role != DocumentRole.Companion || !IsAssignmentPath(facts.Path)) return false;
            var policyFolder = Path.GetDirectoryName(Path.GetDirectoryName(facts.Path)) ?? string.Empty;
            var name = Path.GetFileNameWithoutExtension(facts.Path);
            var list = new List<string> { Key(policyFolder, name) };
            var m = IdPrefix.Match(name);
            if (m.Success)
            {
                list.Add(Key(policyFolder, "#" + m.Groups["id"].Value));
                list.Add(Key(policyFolder, m.Groups["name"].Value));
            }
            keys = list;
            count = facts.Document.Root switch
            {
                JsonArray array => array.Items.Count,
                JsonObject obj when obj["value"] is JsonArray page => page.Items.Count,
                JsonObject => 1,
                _ => 0,
            };
            targets = AssignmentTargets.Read(facts.Document.Root);
            return true;
        }

        /// <summary>The keys by which an assignment file could name this resource's policy.</summary>
        public static IReadOnlyList<string> KeysOf(Resource resource)
        {
            var folder = Path.GetDirectoryName(resource.Path) ?? string.Empty;
            var keys = new List<string> { Key(folder, Path.GetFileNameWithoutExtension(resource.Path)) };
            if (resource.Id != null) keys.Add(Key(folder, "#" + resource.Id));
            if (resource.DisplayName != null) keys.Add(Key(folder, resource.DisplayName));
            return keys;
        }

        private static string Key(string folder, string name) => folder.Replace('\\', '/').ToLowerInvariant() + "|" + name.ToLowerInvariant();

        /// <summary>A run's assignment files, keyed by policy; filled concurrently, read at completion.</summary>
        public sealed class Index
        {
            private readonly ConcurrentDictionary<string, int> _counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            private readonly ConcurrentDictionary<string, IReadOnlyCollection<string>> _targets = new ConcurrentDictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);

            public void Observe(DocumentFacts facts)
            {
                if (!TryRead(facts, out var keys, out var count, out var targets)) return;
                foreach (var key in keys)
                {
                    _counts[key] = count;
                    _targets[key] = targets;
                }
            }

            /// <summary>Adds another index's assignment files (a folded tenant scope's, see IMergeableTenantRuleState).</summary>
            public void Absorb(Index other)
            {
                foreach (var pair in other._counts) _counts[pair.Key] = pair.Value;
                foreach (var pair in other._targets) _targets[pair.Key] = pair.Value;
            }

            /// <summary>The targets an assignment file gives the policy, or null when there is no such file.</summary>
            public IReadOnlyCollection<string>? TargetsFor(IReadOnlyList<string> policyKeys)
            {
                foreach (var key in policyKeys)
                {
                    if (_targets.TryGetValue(key, out var targets)) return targets;
                }
                return null;
            }

            /// <summary>The number of assignments an assignment file gives the policy, or null when there is none.</summary>
            public int? CountFor(IReadOnlyList<string> policyKeys)
            {
                foreach (var key in policyKeys)
                {
                    if (_counts.TryGetValue(key, out var count)) return count;
                }
                return null;
            }
        }
    }
}
