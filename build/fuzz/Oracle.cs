using System;
using System.IO;
using System.Text;

namespace ConfigLint.Fuzz
{
    /// <summary>
    /// An independent judge of whether an input is well-formed, so the fuzzer can tell "a bad file with no diagnostic"
    /// from "a good file": strict decoding (UTF-8 with or without BOM, UTF-16 and UTF-32 with BOM, no invalid sequence,
    /// no lone surrogate), then System.Text.Json with default options (RFC 8259: no comments, no trailing commas) for
    /// JSON and YamlDotNet for YAML. It shares no code with ConfigLint's reader.
    /// </summary>
    public static class Oracle
    {
        /// <summary>Null when the input is well-formed; otherwise why not.</summary>
        public static string? Problem(byte[] bytes, bool yaml)
        {
            string text;
            try
            {
                text = Decode(bytes);
            }
            catch (DecoderFallbackException ex)
            {
                return "encoding: " + ex.Message;
            }
            if (text.Length > 0 && text[0] == '\uFEFF') return "a second byte-order mark";
            if (text.Trim().Length == 0) return "empty";
            if (yaml) return YamlProblem(text);
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { MaxDepth = 100_000 });
                return null;
            }
            catch (System.Text.Json.JsonException ex)
            {
                return "json: " + ex.Message;
            }
        }

        /// <summary>
        /// YAML through YamlDotNet's event parser, iteratively (its representation model recurses and overflows the
        /// stack on deep nesting), with the one check the events leave out: a key twice in one mapping.
        /// </summary>
        private static string? YamlProblem(string text)
        {
            try
            {
                var parser = new YamlDotNet.Core.Parser(new StringReader(text));
                // Per open collection: the keys seen (null for a sequence) and whether the next node is a key.
                var stack = new System.Collections.Generic.Stack<(System.Collections.Generic.HashSet<string>? Keys, bool[] AtKey)>();
                int documents = 0;
                while (parser.MoveNext())
                {
                    var e = parser.Current;
                    bool isKey = stack.Count > 0 && stack.Peek().Keys != null && stack.Peek().AtKey[0];
                    if (stack.Count > 0 && stack.Peek().Keys != null && !(e is YamlDotNet.Core.Events.MappingEnd)) stack.Peek().AtKey[0] = !stack.Peek().AtKey[0];
                    switch (e)
                    {
                        case YamlDotNet.Core.Events.DocumentStart _:
                            documents++;
                            break;
                        case YamlDotNet.Core.Events.Scalar scalar when isKey:
                            if (!stack.Peek().Keys!.Add(scalar.Value)) return "yaml: Duplicate key name " + scalar.Value;
                            break;
                        case YamlDotNet.Core.Events.MappingStart _:
                            stack.Push((new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal), new[] { true }));
                            break;
                        case YamlDotNet.Core.Events.SequenceStart _:
                            stack.Push((null, new[] { false }));
                            break;
                        case YamlDotNet.Core.Events.MappingEnd _:
                        case YamlDotNet.Core.Events.SequenceEnd _:
                            stack.Pop();
                            break;
                    }
                }
                return documents == 0 ? "empty" : null;
            }
            catch (Exception ex)
            {
                return "yaml: " + ex.GetType().Name + ": " + ex.Message;
            }
        }

        private static string Decode(byte[] b)
        {
            if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) return new UTF32Encoding(false, false, true).GetString(b, 4, b.Length - 4);
            if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) return new UTF32Encoding(true, false, true).GetString(b, 4, b.Length - 4);
            if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return new UTF8Encoding(false, true).GetString(b, 3, b.Length - 3);
            if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return new UnicodeEncoding(false, false, true).GetString(b, 2, b.Length - 2);
            if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return new UnicodeEncoding(true, false, true).GetString(b, 2, b.Length - 2);
            // BOM-less UTF-16, which ConfigLint documents it accepts (some tools strip the BOM): ASCII text then has every
            // other byte zero.
            if (b.Length >= 2 && b[0] != 0 && b[1] == 0) return new UnicodeEncoding(false, false, true).GetString(b);
            if (b.Length >= 2 && b[0] == 0 && b[1] != 0) return new UnicodeEncoding(true, false, true).GetString(b);
            return new UTF8Encoding(false, true).GetString(b);
        }
    }
}
