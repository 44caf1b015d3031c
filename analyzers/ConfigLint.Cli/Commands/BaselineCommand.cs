using System.Collections.Generic;
using System.IO;
using ConfigLint.Cli.Adoption;

namespace ConfigLint.Cli.Commands
{
    /// <summary>
    /// <c>configlint baseline create PATH... --output FILE</c>: lints as <c>lint</c> does (same settings, suppressions
    /// and rule packs) and writes today's findings with their fingerprints, so <c>lint --baseline FILE</c> fails only on
    /// findings that are not in it.
    /// </summary>
    public sealed class BaselineCommand
    {
        private readonly TextWriter _out;
        private readonly TextWriter _err;

        public BaselineCommand(TextWriter output, TextWriter error)
        {
            _out = output;
            _err = error;
        }

        public int Create(IReadOnlyList<string> paths, string output, string baseDirectory, LintAdoption adoption)
        {
            var target = Path.Combine(baseDirectory, output);
            var request = new OutputRequest(new BaselineFormatter(), target);
            int code = new LintCommand(_out, _err).Run(paths, new[] { request }, failLevel: null, baseDirectory, adoption: adoption);
            if (code == ExitCodes.Success) _out.WriteLine($"configlint: baseline written to {output}");
            return code;
        }
    }
}
