using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ConfigLint.Core.Model
{
    /// <summary>
    /// A message with named placeholders, the one template form for every kind of rule: <c>"{resource} sets {form}
    /// to '{value}'"</c>. A placeholder is <c>{name}</c> (a letter, then letters or digits); <c>{{</c> and <c>}}</c>
    /// write a literal brace. Parsing fails on anything else, so a typo is a load error rather than a broken message.
    /// </summary>
    public sealed class MessageTemplate
    {
        // Literal text and placeholder names alternate: _parts[0] literal, _parts[1] name, _parts[2] literal, ...
        private readonly string[] _parts;

        private MessageTemplate(string text, string[] parts, IReadOnlyList<string> placeholders)
        {
            Text = text;
            _parts = parts;
            Placeholders = placeholders;
        }

        /// <summary>The template as written.</summary>
        public string Text { get; }

        /// <summary>Every distinct placeholder name, in order of first use.</summary>
        public IReadOnlyList<string> Placeholders { get; }

        /// <summary>Parses a template; throws <see cref="FormatException"/> saying where it is malformed.</summary>
        public static MessageTemplate Parse(string text)
        {
            var parts = new List<string>();
            var names = new List<string>();
            var literal = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
                {
                    literal.Append(c);
                    i++;
                    continue;
                }
                if (c == '}') throw new FormatException($"message template: '}}' at offset {i} closes no placeholder (write '}}}}' for a brace)");
                if (c != '{')
                {
                    literal.Append(c);
                    continue;
                }
                int close = text.IndexOf('}', i + 1);
                string name = close < 0 ? string.Empty : text.Substring(i + 1, close - i - 1);
                if (!IsName(name)) throw new FormatException($"message template: '{{' at offset {i} starts no placeholder such as {{resource}} (write '{{{{' for a brace)");
                parts.Add(literal.ToString());
                literal.Clear();
                parts.Add(name);
                if (!names.Contains(name)) names.Add(name);
                i = close;
            }
            parts.Add(literal.ToString());
            return new MessageTemplate(text, parts.ToArray(), names);
        }

        /// <summary>The placeholders not in <paramref name="known"/> (empty when the template only uses known names).</summary>
        public IReadOnlyList<string> UnknownPlaceholders(IEnumerable<string> known)
        {
            var set = new HashSet<string>(known, StringComparer.Ordinal);
            var unknown = new List<string>();
            foreach (var name in Placeholders)
            {
                if (!set.Contains(name)) unknown.Add(name);
            }
            return unknown;
        }

        /// <summary>Fills the placeholders; <paramref name="valueOf"/> is asked once per placeholder occurrence.</summary>
        public string Render(Func<string, string> valueOf)
        {
            if (_parts.Length == 1) return _parts[0];
            var sb = new StringBuilder(Text.Length + 32);
            for (int i = 0; i < _parts.Length; i++)
            {
                sb.Append(i % 2 == 0 ? _parts[i] : valueOf(_parts[i]));
            }
            return sb.ToString();
        }

        /// <summary>Fills the placeholders from named arguments; a placeholder without an argument is a rule bug.</summary>
        public string Render(MessageArgs? args)
        {
            if (args != null)
            {
                foreach (var pair in args)
                {
                    if (!Placeholders.Contains(pair.Key)) throw new ArgumentException($"message argument '{pair.Key}' is not a placeholder of \"{Text}\"");
                }
            }
            return Render(name => args != null && args.TryGetValue(name, out var value)
                ? value
                : throw new ArgumentException($"message placeholder {{{name}}} of \"{Text}\" has no argument"));
        }

        public override string ToString() => Text;

        private static bool IsName(string name)
        {
            if (name.Length == 0 || !char.IsLetter(name[0])) return false;
            foreach (char c in name)
            {
                if (!char.IsLetterOrDigit(c)) return false;
            }
            return true;
        }
    }

    /// <summary>
    /// Named values for a <see cref="MessageTemplate"/>: <c>new MessageArgs { ["resource"] = resource.Describe() }</c>.
    /// Numbers are written in the invariant culture; null is written as nothing.
    /// </summary>
    public sealed class MessageArgs : IEnumerable<KeyValuePair<string, string>>
    {
        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);

        public object? this[string name]
        {
            set => _values[name] = value switch
            {
                null => string.Empty,
                string s => s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
        }

        public bool TryGetValue(string name, out string value) => _values.TryGetValue(name, out value!);

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
