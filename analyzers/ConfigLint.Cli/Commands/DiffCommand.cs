using System.CommandLine;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Audit;
using static ConfigLint.Cli.Formatters.Escaping.VisibleText;

namespace ConfigLint.Cli.Commands
{
    /// <summary><c>configlint diff FILE.db RUN1 RUN2</c>: what changed from one recorded audit to another (any two, any tenants).</summary>
    public static class DiffCommand
    {
        public static Command Create(TextWriter output, TextWriter error, string baseDirectory)
        {
            var file = new Argument<string>("FILE") { Description = "The history file." };
            var from = new Argument<long>("RUN1") { Description = "The earlier run's number (see 'configlint history')." };
            var to = new Argument<long>("RUN2") { Description = "The later run's number." };
            var command = new Command("diff", "Compare two audits recorded in a history file.") { file, from, to };
            command.SetAction(parse => Run(Path.Combine(baseDirectory, parse.GetValue(file)!), parse.GetValue(from), parse.GetValue(to), output, error));
            return command;
        }

        public static int Run(string path, long fromId, long toId, TextWriter output, TextWriter error)
        {
            try
            {
                using var store = HistoryStore.Open(path, create: false);
                var from = store.Run(fromId);
                var to = store.Run(toId);
                foreach (var (id, run) in new[] { (fromId, from), (toId, to) })
                {
                    if (run == null)
                    {
                        error.WriteLine($"configlint: error: {path} has no completed run #{id}; 'configlint history {path}' lists them");
                        return ExitCodes.UsageError;
                    }
                }
                var changes = store.Compare(fromId, toId, System.DateTime.ParseExact(to!.TimeUtc, "yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
                // Tenant and policy names, messages and suppression entries come from the inputs: shown, never acted on.
                output.WriteLine($"#{from!.Id} {Escape(from.Tenant)} {from.TimeUtc} -> #{to.Id} {Escape(to.Tenant)} {to.TimeUtc}: {changes.New.Count} new, {changes.Fixed.Count} fixed, {changes.Accepted.Count} accepted as risks, {changes.Unchanged} unchanged, {changes.SeverityChanged.Count} changed in severity, {changes.ExpiredSuppressions.Count} suppressions expired");
                foreach (var f in changes.New) output.WriteLine($"new      {f.RuleId} {f.Severity,-10} {Escape(f.Policy)}: {Escape(f.Message)}");
                foreach (var f in changes.Fixed) output.WriteLine($"fixed    {f.RuleId} {f.Severity,-10} {Escape(f.Policy)}: {Escape(f.Message)}");
                foreach (var f in changes.Accepted) output.WriteLine($"accepted {f.RuleId} {f.Severity,-10} {Escape(f.Policy)}: {Escape(f.Message)}");
                foreach (var f in changes.SeverityChanged) output.WriteLine($"severity {f.RuleId} {f.PreviousSeverity} -> {f.Severity} {Escape(f.Policy)}: {Escape(f.Message)}");
                foreach (var s in changes.ExpiredSuppressions) output.WriteLine($"expired  {s.RuleId} {Escape(s.Target)} ({Escape(s.Expires)}, owner {Escape(s.Owner)})");
                return ExitCodes.Success;
            }
            catch (HistoryException ex)
            {
                error.WriteLine($"configlint: error: {ex.Message}");
                return ExitCodes.UsageError;
            }
        }
    }
}
