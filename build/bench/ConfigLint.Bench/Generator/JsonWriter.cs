using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ConfigLint.Bench.Generator
{
    /// <summary>An ordered JSON object; exporters keep Graph's property order, so the generator does too.</summary>
    public sealed class JObj
    {
        public List<KeyValuePair<string, object?>> Props { get; } = new List<KeyValuePair<string, object?>>();

        public JObj Add(string key, object? value)
        {
            Props.Add(new KeyValuePair<string, object?>(key, value));
            return this;
        }

        public void Insert(int index, string key, object? value) => Props.Insert(index, new KeyValuePair<string, object?>(key, value));

        public void Remove(string key) => Props.RemoveAll(p => p.Key == key);
    }

    /// <summary>How an export tool lays out its JSON text (see shared/corpus/FORMATS.md §2).</summary>
    public enum TextStyle
    {
        /// <summary>Windows PowerShell 5.1 <c>ConvertTo-Json</c>: <c>"key":  value</c>, hanging indentation, <c>'&lt;&gt;&amp;</c> escaped, CRLF.</summary>
        PowerShell51,

        /// <summary>IntuneCD <c>json.dump(indent=5)</c>: 5-space indent, ASCII-only escapes, LF.</summary>
        IntuneCd,

        /// <summary>Graph or PowerShell 7 output saved as is: 2-space indent, LF.</summary>
        Indented2,

        /// <summary>The Intune portal's "Export JSON" button: 2-space indent, CRLF.</summary>
        Portal,

        /// <summary>A raw Graph response body: no whitespace at all.</summary>
        Compact,
    }

    /// <summary>Serializes <see cref="JObj"/> trees in one of the exporters' text styles.</summary>
    public sealed class JsonWriter
    {
        private readonly StringBuilder _sb;
        private readonly TextStyle _style;
        private readonly string _newLine;
        private int _column;

        private JsonWriter(StringBuilder sb, TextStyle style)
        {
            _sb = sb;
            _style = style;
            _newLine = style == TextStyle.PowerShell51 || style == TextStyle.Portal ? "\r\n" : "\n";
        }

        public static string Write(object? value, TextStyle style)
        {
            var sb = new StringBuilder(16 * 1024);
            var writer = new JsonWriter(sb, style);
            writer.WriteValue(value, 0);
            if (style != TextStyle.Compact) sb.Append(writer._newLine);
            return sb.ToString();
        }

        /// <summary>Serialized length of a value written at top level, used to size files without writing them twice.</summary>
        public static int Measure(object? value, TextStyle style) => Write(value, style).Length;

        private void Append(string s)
        {
            _sb.Append(s);
            _column += s.Length;
        }

        private void NewLine(int indent)
        {
            _sb.Append(_newLine);
            _sb.Append(' ', indent);
            _column = indent;
        }

        /// <summary>The column of a container's content; PowerShell 5.1 hangs it under the opening bracket.</summary>
        private int ContentIndent(int bracketColumn, int depth) => _style switch
        {
            TextStyle.PowerShell51 => bracketColumn + 4,
            TextStyle.IntuneCd => (depth + 1) * 5,
            _ => (depth + 1) * 2,
        };

        private int CloseIndent(int bracketColumn, int depth) => _style switch
        {
            TextStyle.PowerShell51 => bracketColumn,
            TextStyle.IntuneCd => depth * 5,
            _ => depth * 2,
        };

        private void WriteValue(object? value, int depth)
        {
            switch (value)
            {
                case null: Append("null"); break;
                case bool b: Append(b ? "true" : "false"); break;
                case int i: Append(i.ToString(CultureInfo.InvariantCulture)); break;
                case long l: Append(l.ToString(CultureInfo.InvariantCulture)); break;
                case string s: WriteString(s); break;
                case JObj o: WriteObject(o, depth); break;
                case IList<object?> a: WriteArray(a, depth); break;
                default: throw new ArgumentException($"cannot write {value.GetType().Name}");
            }
        }

        private void WriteObject(JObj obj, int depth)
        {
            int bracket = _column;
            Append("{");
            if (_style == TextStyle.Compact)
            {
                for (int i = 0; i < obj.Props.Count; i++)
                {
                    if (i > 0) Append(",");
                    WriteString(obj.Props[i].Key);
                    Append(":");
                    WriteValue(obj.Props[i].Value, depth + 1);
                }
                Append("}");
                return;
            }
            int indent = ContentIndent(bracket, depth);
            if (obj.Props.Count == 0 && _style == TextStyle.PowerShell51)
            {
                NewLine(0);
                NewLine(CloseIndent(bracket, depth));
                Append("}");
                return;
            }
            if (obj.Props.Count == 0)
            {
                Append("}");
                return;
            }
            for (int i = 0; i < obj.Props.Count; i++)
            {
                if (i > 0) Append(",");
                NewLine(indent);
                WriteString(obj.Props[i].Key);
                Append(_style == TextStyle.PowerShell51 ? ":  " : ": ");
                WriteValue(obj.Props[i].Value, depth + 1);
            }
            NewLine(CloseIndent(bracket, depth));
            Append("}");
        }

        private void WriteArray(IList<object?> items, int depth)
        {
            int bracket = _column;
            Append("[");
            if (_style == TextStyle.Compact)
            {
                for (int i = 0; i < items.Count; i++)
                {
                    if (i > 0) Append(",");
                    WriteValue(items[i], depth + 1);
                }
                Append("]");
                return;
            }
            if (items.Count == 0)
            {
                // PowerShell 5.1 writes an empty array over three lines; the others keep it on one.
                if (_style == TextStyle.PowerShell51)
                {
                    NewLine(0);
                    NewLine(CloseIndent(bracket, depth));
                }
                Append("]");
                return;
            }
            int indent = ContentIndent(bracket, depth);
            for (int i = 0; i < items.Count; i++)
            {
                if (i > 0) Append(",");
                NewLine(indent);
                WriteValue(items[i], depth + 1);
            }
            NewLine(CloseIndent(bracket, depth));
            Append("]");
        }

        private void WriteString(string s)
        {
            int start = _sb.Length;
            _sb.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': _sb.Append("\\\""); break;
                    case '\\': _sb.Append("\\\\"); break;
                    case '\n': _sb.Append("\\n"); break;
                    case '\r': _sb.Append("\\r"); break;
                    case '\t': _sb.Append("\\t"); break;
                    default:
                        bool escape = c < 0x20
                            || (_style == TextStyle.PowerShell51 && (c == '\'' || c == '<' || c == '>' || c == '&'))
                            || (_style == TextStyle.IntuneCd && c > 0x7E);
                        if (escape) _sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else _sb.Append(c);
                        break;
                }
            }
            _sb.Append('"');
            _column += _sb.Length - start;
        }
    }
}
