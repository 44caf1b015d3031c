using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Commands;

namespace ConfigLint.Cli
{
    /// <summary>
    /// Outputs never touch inputs. Checked before anything is written: two formats sent to one file would interleave
    /// into a file that is neither (invalid JSON, exit 0), and an output that is an input would overwrite the export it
    /// reports on. An output inside a linted folder is fine, but the walk passes over it (see <see cref="Excluded"/>),
    /// or the next run would lint its own report.
    /// </summary>
    public static class OutputPaths
    {
        /// <summary>The output files of a run, as full paths: the walk excludes them.</summary>
        public static IReadOnlyList<string> Excluded(IReadOnlyList<OutputRequest> outputs) =>
            outputs.Where(o => o.Path != null).Select(o => Path.GetFullPath(o.Path!)).ToList();

        /// <summary>The usage errors in the outputs against the PATH arguments; empty when there are none.</summary>
        public static IReadOnlyList<string> Conflicts(IReadOnlyList<OutputRequest> outputs, IEnumerable<string> inputs)
        {
            var errors = new List<string>();
            // Real paths, so a link or a "./x/../x" spelling of the same file is caught too.
            var named = new Dictionary<string, string>(Comparer);
            foreach (var input in inputs)
            {
                var real = InputCollector.RealPathOrSelf(input);
                if (!named.ContainsKey(real)) named.Add(real, input);
            }
            var seen = new Dictionary<string, OutputRequest>(Comparer);
            foreach (var output in outputs)
            {
                if (output.Path == null) continue;
                var real = InputCollector.RealPathOrSelf(output.Path);
                if (seen.TryGetValue(real, out var first))
                {
                    errors.Add($"--output {output.Path} is given for both {first.Formatter.Name} and {output.Formatter.Name}; give each format its own file");
                    continue;
                }
                seen.Add(real, output);
                if (named.TryGetValue(real, out var input))
                {
                    errors.Add($"--output {output.Path} is also an input ({input}); it would overwrite what it reports on");
                }
                else if (Directory.Exists(real))
                {
                    errors.Add($"--output {output.Path} is a folder; give a file name");
                }
            }
            return errors;
        }

        // File names are case-insensitive on Windows and (by default) macOS: there "A.json" and "a.json" are one file.
        private static StringComparer Comparer =>
            OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
    }
}
