using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ConfigLint.Fuzz
{
    /// <summary>A mutated input: its bytes, the file name it is written under, and the mutation that made it.</summary>
    public sealed class FuzzInput
    {
        public FuzzInput(string kind, string seed, string fileName, byte[] bytes)
        {
            Kind = kind;
            Seed = seed;
            FileName = fileName;
            Bytes = bytes;
        }

        public string Kind { get; }
        public string Seed { get; }
        public string FileName { get; }
        public byte[] Bytes { get; }
        public bool IsYaml => FileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || FileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Mutates seed exports in the ways issue 13 lists: truncation, byte flips, bad UTF-8 and UTF-16, BOM mixes, YAML
    /// breakage, hostile names (CR/LF/ESC/`::`/`##vso[`/bidi), deep nesting, huge numbers, JSON deviations, and shape
    /// swaps (an array written as an object). Deterministic for a given <see cref="Random"/> seed, so a failure found
    /// by a long campaign is replayed from its seed and index. Shared by the CI property tests and build/fuzz.
    /// </summary>
    public sealed class Mutator
    {
        /// <summary>Strings that would start a CI command or control a terminal if a log printed them raw.</summary>
        public static readonly string[] HostileTexts =
        {
            "x\n::error file=a.json,line=1::injected",
            "x\r\n::add-mask::secret",
            "x\n::stop-commands::token",
            "x\r##vso[task.setvariable variable=PATH]/tmp/evil",
            "mid ##vso[task.complete result=Succeeded;]done",
            "mid ##[add-mask]secret",
            "\u001b[31mred\u001b[0m \u001b]0;title\u0007",
            "bell\u0007 nul\u0000 del\u007f c1\u009b31m csi",
            "bidi \u202Egnp.exe\u202C and \u2066isolate\u2069",
            "line\u2028sep\u2029para\u0085nel",
            "::warning::x%0A::error::y",
            "quote\" back\\slash",
        };

        /// <summary>Characters for hostile file names (everything Unix allows in a name but '/' and NUL).</summary>
        private static readonly string[] HostileNameParts = { "\n::error::x", "\r", "\u001b[2J", "::", "##vso[task.setvariable variable=a]b", "%0A", "\u202E", " ", "..", "\\", ";", "]" };

        private static readonly string[] HugeNumbers =
        {
            "1e999999", "-1e-999999", "123e65", "1E+308", "1e309", "-0", "0.0000000000000000000000000000001e-400",
            new string('9', 400), "-" + new string('1', 401) + ".5e10", "18446744073709551616", "3.402823669e+38", "4.9e-325",
        };

        private static readonly string[] JsonDeviations =
        {
            "// comment\n", "/* block */", ",", "'single'", "NaN", "Infinity", "0x1F", "012", "0e+", ".5", "+1", "\u000c", "\t", "unquoted",
        };

        private static readonly string[] YamlBreakers =
        {
            "a: [b\nc: 1\n", "a: {b: 1\n", "key: \"\\udc00\\ud800\"\n", "key: \"\\ud800\"\n", "  - x\n y: 1\n", "\t- tab\n", "a: *undefined\n",
            "a: &x [*x]\n", "? complex\n: key\n", "---\nsecond: document\n...\n---\nthird: [1, 2]\n", "%YAML 9.9\n---\na: 1\n",
            "a: !!binary ===\n", "a: !<tag:bad> 1\n", "a: |\n bad\n  indent\n", "'unclosed\n", "a: b: c\n", "- [\n", "{a: 1, a: 2}\n",
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
            "\u0000", "\uFEFF\uFEFFa: 1\n", "a: 1\r\rb: 2\n",
        };

        private readonly Random _random;
        private readonly IReadOnlyList<(string Name, byte[] Bytes)> _seeds;

        public Mutator(int seed, IReadOnlyList<(string Name, byte[] Bytes)> seeds)
        {
            if (seeds.Count == 0) throw new ArgumentException("no seed files", nameof(seeds));
            _random = new Random(seed);
            _seeds = seeds;
            // IntuneCD writes YAML; the repository has few YAML seeds, so every JSON seed also gives a block-YAML twin.
            var yaml = seeds.Where(s => !s.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var (name, bytes) in seeds.Where(s => s.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
            {
                var converted = ToYaml(bytes);
                if (converted != null) yaml.Add((name.Substring(0, name.Length - 5) + ".yaml", converted));
            }
            _yamlSeeds = yaml;
        }

        private readonly IReadOnlyList<(string Name, byte[] Bytes)> _yamlSeeds;

        /// <summary>Block YAML for a JSON seed, or null when the seed is not JSON.</summary>
        private static byte[]? ToYaml(byte[] json)
        {
            Newtonsoft.Json.Linq.JToken token;
            try
            {
                token = Newtonsoft.Json.Linq.JToken.Parse(Encoding.UTF8.GetString(json).TrimStart('\uFEFF'));
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return null;
            }
            var sb = new StringBuilder();
            WriteYaml(sb, token, 0, false);
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        private static void WriteYaml(StringBuilder sb, Newtonsoft.Json.Linq.JToken token, int indent, bool inline)
        {
            string pad = new string(' ', indent);
            switch (token)
            {
                case Newtonsoft.Json.Linq.JObject o when o.Count > 0:
                    bool first = true;
                    foreach (var p in o.Properties())
                    {
                        if (!(first && inline)) sb.Append(pad);
                        first = false;
                        sb.Append(Newtonsoft.Json.JsonConvert.ToString(p.Name)).Append(':');
                        if (p.Value is Newtonsoft.Json.Linq.JContainer c && c.Count > 0)
                        {
                            sb.Append('\n');
                            WriteYaml(sb, p.Value, indent + 2, false);
                        }
                        else
                        {
                            sb.Append(' ');
                            WriteYaml(sb, p.Value, indent + 2, true);
                        }
                    }
                    break;
                case Newtonsoft.Json.Linq.JArray a when a.Count > 0:
                    foreach (var item in a)
                    {
                        sb.Append(pad).Append("- ");
                        if (item is Newtonsoft.Json.Linq.JContainer c && c.Count > 0) WriteYaml(sb, item, indent + 2, true);
                        else WriteYaml(sb, item, indent + 2, true);
                    }
                    break;
                default:
                    // Scalars and empty containers in JSON form, which YAML reads as flow style.
                    sb.Append(token.ToString(Newtonsoft.Json.Formatting.None)).Append('\n');
                    break;
            }
        }

        /// <summary>The mutation kinds, in the order <see cref="Next"/> picks from.</summary>
        public static IReadOnlyList<string> Kinds { get; } = new[]
        {
            "truncate", "byte-flip", "insert-bytes", "delete-range", "bad-utf8", "utf16", "bom-mix", "yaml-break", "hostile-value",
            "hostile-name", "deep-nesting", "huge-number", "json-deviation", "shape-swap", "splice", "duplicate",
        };

        public FuzzInput Next(int index)
        {
            // About a third of the inputs are YAML (IntuneCD's format), the rest JSON.
            var pool = _random.Next(3) == 0 && _yamlSeeds.Count > 0 ? _yamlSeeds : _seeds;
            var (seedName, seedBytes) = pool[_random.Next(pool.Count)];
            var kind = Kinds[_random.Next(Kinds.Count)];
            string ext = seedName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ".json" : ".yaml";
            var bytes = Mutate(kind, seedBytes, ref ext);
            // Keep a second mutation now and then: combinations find what single mutations do not.
            if (_random.Next(8) == 0)
            {
                var second = Kinds[_random.Next(Kinds.Count)];
                if (second != "hostile-name")
                {
                    bytes = Mutate(second, bytes, ref ext);
                    kind += "+" + second;
                }
            }
            string name = $"{index:D6}-{kind.Replace('+', '_')}";
            if (kind.Contains("hostile-name")) name += Pick(HostileNameParts) + Pick(HostileNameParts);
            return new FuzzInput(kind, seedName, name + ext, bytes);
        }

        private byte[] Mutate(string kind, byte[] input, ref string ext)
        {
            var text = Encoding.UTF8.GetString(input);
            switch (kind)
            {
                case "truncate":
                    return input.Take(input.Length == 0 ? 0 : _random.Next(input.Length)).ToArray();
                case "byte-flip":
                {
                    var copy = (byte[])input.Clone();
                    int flips = 1 + _random.Next(8);
                    for (int i = 0; i < flips && copy.Length > 0; i++) copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
                    return copy;
                }
                case "insert-bytes":
                {
                    var extra = new byte[1 + _random.Next(6)];
                    for (int i = 0; i < extra.Length; i++) extra[i] = (byte)(_random.Next(3) == 0 ? _random.Next(0x20) : _random.Next(256));
                    return Insert(input, extra);
                }
                case "delete-range":
                {
                    if (input.Length < 2) return Array.Empty<byte>();
                    int start = _random.Next(input.Length);
                    int length = 1 + _random.Next(Math.Min(64, input.Length - start));
                    return input.Take(start).Concat(input.Skip(start + length)).ToArray();
                }
                case "bad-utf8":
                {
                    var bad = Pick(new[]
                    {
                        new byte[] { 0x80 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF5, 0x80, 0x80, 0x80 },
                        new byte[] { 0xE2, 0x82 }, new byte[] { 0xFF }, new byte[] { 0xF0, 0x9F, 0x98 }, new byte[] { 0xC3 }, new byte[] { 0xDF, 0x20 },
                    });
                    // Inside a string value is the common real case (a Windows-1252 "ß" in a display name).
                    int quote = text.IndexOf("\": \"", StringComparison.Ordinal);
                    return quote > 0 && _random.Next(2) == 0 ? Insert(input, bad, Encoding.UTF8.GetByteCount(text.Substring(0, quote + 4))) : Insert(input, bad);
                }
                case "utf16":
                {
                    bool big = _random.Next(2) == 0;
                    bool bom = _random.Next(3) != 0;
                    var body = (big ? Encoding.BigEndianUnicode : Encoding.Unicode).GetBytes(text);
                    if (_random.Next(3) == 0 && body.Length >= 2)
                    {
                        // A lone surrogate code unit, or an odd byte count.
                        if (_random.Next(2) == 0) body = Insert(body, big ? new byte[] { 0xD8, 0x00 } : new byte[] { 0x00, 0xD8 }, (_random.Next(body.Length / 2)) * 2);
                        else body = body.Take(body.Length - 1).ToArray();
                    }
                    var mark = big ? new byte[] { 0xFE, 0xFF } : new byte[] { 0xFF, 0xFE };
                    return bom ? mark.Concat(body).ToArray() : body;
                }
                case "bom-mix":
                {
                    var utf8Bom = new byte[] { 0xEF, 0xBB, 0xBF };
                    switch (_random.Next(6))
                    {
                        case 0: return utf8Bom.Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.Unicode.GetBytes(text)).ToArray();
                        case 1: return utf8Bom.Concat(Encoding.Unicode.GetBytes(text)).ToArray();
                        case 2: return new byte[] { 0xFF, 0xFE }.Concat(input).ToArray();
                        case 3: return utf8Bom.Concat(utf8Bom).Concat(input).ToArray();
                        case 4: return new byte[] { 0xFF, 0xFE, 0x00, 0x00 }.Concat(new UTF32Encoding(false, false).GetBytes(text)).ToArray();
                        default: return new byte[] { 0xFE, 0xFF }.Concat(Encoding.Unicode.GetBytes(text)).ToArray();
                    }
                }
                case "yaml-break":
                {
                    ext = _random.Next(4) == 0 ? ".yml" : ".yaml";
                    var breaker = Pick(YamlBreakers);
                    if (_random.Next(3) == 0) return Encoding.UTF8.GetBytes(breaker);
                    var lines = text.Split('\n').ToList();
                    lines.Insert(_random.Next(lines.Count + 1), breaker.TrimEnd('\n'));
                    return Encoding.UTF8.GetBytes(string.Join("\n", lines));
                }
                case "hostile-value":
                {
                    var hostile = Pick(HostileTexts);
                    bool yaml = ext != ".json";
                    var encoded = yaml ? "\"" + EscapeYaml(hostile) + "\"" : Newtonsoft.Json.JsonConvert.ToString(hostile);
                    return Encoding.UTF8.GetBytes(ReplaceStringValue(text, encoded, yaml));
                }
                case "hostile-name":
                    return input;
                case "deep-nesting":
                {
                    int depth = Pick(new[] { 64, 65, 100, 256, 1000, 5000, 20000 });
                    bool arrays = _random.Next(2) == 0;
                    string open = arrays ? "[" : "{\"a\":";
                    string close = arrays ? "]" : "}";
                    string nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
                    if (ext != ".json") nested = "a: " + nested.Replace("{\"a\":", "{a: ") + "\n";
                    if (_random.Next(4) == 0) nested = nested.Substring(0, nested.Length - 1);
                    int brace = text.IndexOf('{');
                    if (ext == ".json" && brace >= 0 && _random.Next(2) == 0) return Encoding.UTF8.GetBytes(text.Insert(brace + 1, "\"deep\": " + nested + ","));
                    return Encoding.UTF8.GetBytes(nested);
                }
                case "huge-number":
                {
                    var number = Pick(HugeNumbers);
                    var digits = System.Text.RegularExpressions.Regex.Matches(text, @"(?<=[:\[,]\s*)-?\d+(\.\d+)?([eE][+-]?\d+)?");
                    if (digits.Count == 0) return Encoding.UTF8.GetBytes(ReplaceStringValue(text, number, ext != ".json"));
                    var m = digits[_random.Next(digits.Count)];
                    return Encoding.UTF8.GetBytes(text.Substring(0, m.Index) + number + text.Substring(m.Index + m.Length));
                }
                case "json-deviation":
                {
                    var deviation = Pick(JsonDeviations);
                    var anchors = new List<int>();
                    for (int i = 0; i < text.Length; i++) if (text[i] == ',' || text[i] == '{' || text[i] == '[' || text[i] == ':') anchors.Add(i + 1);
                    int at = anchors.Count == 0 ? 0 : anchors[_random.Next(anchors.Count)];
                    if (deviation == ",")
                    {
                        // A trailing comma before a closing bracket, as hand edits leave it.
                        int close = text.LastIndexOfAny(new[] { '}', ']' });
                        if (close > 0) return Encoding.UTF8.GetBytes(text.Insert(close, ","));
                    }
                    return Encoding.UTF8.GetBytes(text.Insert(at, deviation));
                }
                case "shape-swap":
                {
                    // An array written as an object (Windows PowerShell 5.1), an object as a scalar, a value as null.
                    var arrays = System.Text.RegularExpressions.Regex.Matches(text, "\"(\\w+)\"\\s*:\\s*\\[");
                    if (arrays.Count > 0 && _random.Next(3) != 0)
                    {
                        var m = arrays[_random.Next(arrays.Count)];
                        int open = m.Index + m.Length - 1;
                        int close = MatchingBracket(text, open);
                        if (close > open)
                        {
                            var inner = text.Substring(open + 1, close - open - 1).Trim();
                            var replacement = _random.Next(3) switch { 0 => inner.StartsWith("{", StringComparison.Ordinal) ? FirstElement(inner) : "{}", 1 => "null", _ => "\"text\"" };
                            return Encoding.UTF8.GetBytes(text.Substring(0, open) + replacement + text.Substring(close + 1));
                        }
                    }
                    return Encoding.UTF8.GetBytes(ReplaceStringValue(text, Pick(new[] { "null", "[]", "{}", "42", "true", "[{}]" }), ext != ".json"));
                }
                case "splice":
                {
                    var other = Encoding.UTF8.GetString(_seeds[_random.Next(_seeds.Count)].Bytes);
                    int a = _random.Next(text.Length + 1);
                    int b = _random.Next(other.Length + 1);
                    return Encoding.UTF8.GetBytes(text.Substring(0, a) + other.Substring(b));
                }
                case "duplicate":
                {
                    int times = Pick(new[] { 2, 3, 50 });
                    return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, times)));
                }
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown mutation");
            }
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        private byte[] Insert(byte[] input, byte[] extra) => Insert(input, extra, _random.Next(input.Length + 1));

        private static byte[] Insert(byte[] input, byte[] extra, int at) => input.Take(at).Concat(extra).Concat(input.Skip(at)).ToArray();

        /// <summary>Replaces one string value (displayName when there is one) with the given literal.</summary>
        private string ReplaceStringValue(string text, string literal, bool yaml)
        {
            var pattern = yaml ? @"(?m)(?<=^\s*(- )?[\w@.]+:[ ]).+$" : "(?<=\"[^\"]+\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"";
            var matches = System.Text.RegularExpressions.Regex.Matches(text, pattern);
            if (matches.Count == 0) return text + (yaml ? "\nhostile: " + literal + "\n" : string.Empty);
            var named = matches.Cast<System.Text.RegularExpressions.Match>().Where(m => text.Substring(Math.Max(0, m.Index - 16), Math.Min(16, m.Index)).Contains("isplayName")).ToList();
            var target = named.Count > 0 && _random.Next(2) == 0 ? named[_random.Next(named.Count)] : matches[_random.Next(matches.Count)];
            return text.Substring(0, target.Index) + literal + text.Substring(target.Index + target.Length);
        }

        private static string EscapeYaml(string value)
        {
            var sb = new StringBuilder();
            foreach (var c in value)
            {
                if (c == '"' || c == '\\') sb.Append('\\').Append(c);
                else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029) sb.Append("\\u").Append(((int)c).ToString("X4"));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>The index of the bracket that closes the one at <paramref name="open"/>, skipping strings; -1 if none.</summary>
        private static int MatchingBracket(string text, int open)
        {
            int depth = 0;
            bool inString = false;
            for (int i = open; i < text.Length; i++)
            {
                char c = text[i];
                if (inString)
                {
                    if (c == '\\') i++;
                    else if (c == '"') inString = false;
                    continue;
                }
                if (c == '"') inString = true;
                else if (c == '[' || c == '{') depth++;
                else if (c == ']' || c == '}')
                {
                    if (--depth == 0) return i;
                }
            }
            return -1;
        }

        /// <summary>The first element of an array's inner text when it is an object.</summary>
        private static string FirstElement(string inner)
        {
            int close = MatchingBracket(inner, 0);
            return close > 0 ? inner.Substring(0, close + 1) : "{}";
        }
    }
}
