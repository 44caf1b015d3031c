using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ConfigLint.Cli.Audit;
using static ConfigLint.Cli.Formatters.Escaping.VisibleText;

namespace ConfigLint.Cli.Commands
{
    /// <summary><c>configlint history FILE.db [--tenant NAME]</c>: the recorded audits, oldest first, and the trend of open findings.</summary>
    public static class HistoryCommand
    {
        public static Command Create(TextWriter output, TextWriter error, string baseDirectory)
        {
            var file = new Argument<string>("FILE") { Description = "The history file written by 'configlint audit --history'." };
            var tenant = new Option<string>("--tenant") { Description = "Only this tenant's audits." };
            var command = new Command("history", "List the audits recorded in a history file, and the trend.") { file, tenant };
            command.SetAction(parse => Run(Path.Combine(baseDirectory, parse.GetValue(file)!), parse.GetValue(tenant), output, error));
            return command;
        }

        public static int Run(string path, string? tenant, TextWriter output, TextWriter error)
        {
            try
            {
                using var store = HistoryStore.Open(path, create: false);
                var runs = store.Runs(tenant);
                if (runs.Count == 0)
                {
                    output.WriteLine(tenant == null ? $"no audits recorded in {path}" : $"no audits of tenant {Escape(tenant)} recorded in {path}");
                    return ExitCodes.Success;
                }
                output.WriteLine($"{"run",-6} {"time (UTC)",-21} {"tenant",-20} {"open",5} {"accepted",8} {"not met",7}  {"change",-7} configlint / rule set / commit");
                foreach (var group in runs.GroupBy(r => r.Tenant))
                {
                    HistoryRun? before = null;
                    foreach (var run in group)
                    {
                        string change = before == null ? "first" : (run.Open - before.Open).ToString("+0;-0;0", System.Globalization.CultureInfo.InvariantCulture);
                        output.WriteLine($"#{run.Id,-5} {run.TimeUtc,-21} {Escape(run.Tenant),-20} {run.Open,5} {run.Suppressed,8} {run.ControlsNotMet,7}  {change,-7} {run.ToolVersion} / {run.RuleSetVersion} / {(run.Commit == null ? "-" : run.Commit.Substring(0, Math.Min(12, run.Commit.Length)))}");
                        before = run;
                    }
                }
                foreach (var group in runs.GroupBy(r => r.Tenant))
                {
                    output.WriteLine($"trend of {Escape(group.Key)}: open findings {string.Join(" -> ", group.Select(r => r.Open))}");
                }
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
