using System.IO;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// Thrown by a <see cref="LintInput.Read"/> that deliberately does not read its entry (a FIFO, socket or device met
    /// on a folder walk): the run reports it as a note (CL0006) instead of an unreadable file, and goes on.
    /// </summary>
    public sealed class SkippedInputException : IOException
    {
        public SkippedInputException(string reason)
            : base(reason)
        {
        }
    }
}
