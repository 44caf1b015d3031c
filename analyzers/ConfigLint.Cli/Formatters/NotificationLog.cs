using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// Standard error as the run writes its configuration warnings to it: each line goes through to the real error
    /// stream and is kept, so SARIF can list it under <c>toolConfigurationNotifications</c>.
    /// </summary>
    public sealed class NotificationLog : TextWriter
    {
        private readonly TextWriter? _inner;
        private readonly List<string> _lines = new List<string>();
        private readonly StringBuilder _line = new StringBuilder();

        public NotificationLog(TextWriter? inner = null)
        {
            _inner = inner;
        }

        public override Encoding Encoding => _inner?.Encoding ?? Encoding.UTF8;

        /// <summary>The complete lines written so far.</summary>
        public IReadOnlyList<string> Lines => _lines;

        public override void Write(char value)
        {
            _inner?.Write(value);
            if (value == '\n')
            {
                _lines.Add(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }

        public override void Write(string? value)
        {
            if (value == null) return;
            foreach (char c in value) Write(c);
        }

        public override void Flush() => _inner?.Flush();
    }
}
