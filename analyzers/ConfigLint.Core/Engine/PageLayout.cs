using System;
using System.Collections.Generic;
using ConfigLint.Core.Json;

namespace ConfigLint.Core.Engine
{
    /// <summary>
    /// Where a page's elements lie in a JSON text, found by a structural scan (strings, brackets and comments only), so
    /// that the elements can be read and linted apart. The scan gives up (null) on anything it cannot vouch for
    /// (unbalanced or mismatched brackets, an unclosed string or comment, comments or a trailing comma between elements,
    /// nesting near the reader's limit, a repeated page property): the file is then read whole, as it always was.
    /// </summary>
    internal sealed class PageLayout
    {
        private static readonly char[] Structure = { '"', '\'', '{', '}', '[', ']', '/' };
        private static readonly char[] LineBreaks = { '\r', '\n' };

        private PageLayout(int open, int close, int depth, List<int> starts, List<int> ends)
        {
            Open = open;
            Close = close;
            Depth = depth;
            Starts = starts;
            Ends = ends;
        }

        /// <summary>The offset of the page's '['.</summary>
        public int Open { get; }

        /// <summary>The offset of the page's ']'.</summary>
        public int Close { get; }

        /// <summary>How many containers hold an element: 1 in a root array, 2 in a root object's property.</summary>
        public int Depth { get; }

        /// <summary>Element <c>i</c> is <c>[Starts[i], Ends[i])</c>.</summary>
        public IReadOnlyList<int> Starts { get; }

        public IReadOnlyList<int> Ends { get; }

        public int Count => Starts.Count;

        /// <summary>The page of <paramref name="text"/> as <paramref name="shape"/> defines pages, or null.</summary>
        public static PageLayout? Find(string text, DocumentShape shape)
        {
            int pos = SkipTrivia(text, 0);
            if (pos < 0 || pos >= text.Length) return null;
            PageLayout? page;
            if (text[pos] == '[')
            {
                if (!shape.RootArrayIsPage) return null;
                page = Elements(text, pos, depth: 1);
                if (page == null) return null;
                pos = page.Close + 1;
            }
            else if (text[pos] == '{' && shape.PageProperty != null)
            {
                page = null;
                pos = SkipTrivia(text, pos + 1);
                while (pos >= 0 && pos < text.Length && text[pos] != '}')
                {
                    // "name" : value , ...
                    char quote = text[pos];
                    if (quote != '"' && quote != '\'') return null;
                    int close = StringEnd(text, pos);
                    if (close < 0) return null;
                    bool isPage = close - pos - 1 == shape.PageProperty.Length && string.CompareOrdinal(text, pos + 1, shape.PageProperty, 0, shape.PageProperty.Length) == 0;
                    pos = SkipTrivia(text, close + 1);
                    if (pos < 0 || pos >= text.Length || text[pos] != ':') return null;
                    pos = SkipTrivia(text, pos + 1);
                    if (pos < 0 || pos >= text.Length) return null;
                    if (isPage)
                    {
                        // A second page property, or one that holds no list: not a page this scan can vouch for.
                        if (page != null || text[pos] != '[') return null;
                        page = Elements(text, pos, depth: 2);
                        if (page == null) return null;
                        pos = page.Close + 1;
                    }
                    else
                    {
                        pos = ValueEnd(text, pos, depth: 1);
                        if (pos < 0) return null;
                    }
                    pos = SkipTrivia(text, pos);
                    if (pos < 0 || pos >= text.Length) return null;
                    if (text[pos] == ',') pos = SkipTrivia(text, pos + 1);
                    else if (text[pos] != '}') return null;
                }
                if (page == null || pos < 0 || pos >= text.Length) return null;
                pos++;
            }
            else
            {
                return null;
            }
            // Only trivia may follow the root; anything else is the reader's to report, reading the whole file.
            pos = SkipTrivia(text, pos);
            return pos == text.Length ? page : null;
        }

        /// <summary>The elements of the array whose '[' is at <paramref name="open"/>; only whitespace may separate them.</summary>
        private static PageLayout? Elements(string text, int open, int depth)
        {
            var starts = new List<int>();
            var ends = new List<int>();
            int pos = SkipWhitespace(text, open + 1);
            if (pos >= text.Length) return null;
            if (text[pos] == ']') return new PageLayout(open, pos, depth, starts, ends);
            while (true)
            {
                int end = ValueEnd(text, pos, depth);
                if (end < 0) return null;
                starts.Add(pos);
                ends.Add(end);
                pos = SkipWhitespace(text, end);
                if (pos >= text.Length) return null;
                if (text[pos] == ']') return new PageLayout(open, pos, depth, starts, ends);
                if (text[pos] != ',') return null;
                pos = SkipWhitespace(text, pos + 1);
                // A trailing comma, an empty element or a comment: the whole reading reports it.
                if (pos >= text.Length || text[pos] == ']' || text[pos] == ',' || text[pos] == '/') return null;
            }
        }

        /// <summary>
        /// The offset just past the value at <paramref name="pos"/> (held by <paramref name="depth"/> containers), or -1.
        /// A scalar ends before the next ',', ']', '}', whitespace or comment; its syntax is the reader's business.
        /// </summary>
        private static int ValueEnd(string text, int pos, int depth)
        {
            char c = text[pos];
            if (c == '"' || c == '\'')
            {
                int close = StringEnd(text, pos);
                return close < 0 ? -1 : close + 1;
            }
            if (c != '{' && c != '[')
            {
                int i = pos;
                while (i < text.Length)
                {
                    char d = text[i];
                    if (d == ',' || d == ']' || d == '}' || d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '/') break;
                    i++;
                }
                return i == pos ? -1 : i;
            }
            // Containers: a stack of the closers expected, checked so that a mismatch gives up instead of misplacing elements.
            var expected = new Stack<char>();
            int at = pos;
            while (true)
            {
                char open = text[at];
                if (open == '{' || open == '[')
                {
                    // The reader refuses nesting at its limit; leave that file to it whole, to keep its message.
                    if (depth + expected.Count >= JsonTreeReader.MaxDepth) return -1;
                    expected.Push(open == '{' ? '}' : ']');
                }
                else if (open == '}' || open == ']')
                {
                    if (expected.Pop() != open) return -1;
                    if (expected.Count == 0) return at + 1;
                }
                else if (open == '"' || open == '\'')
                {
                    at = StringEnd(text, at);
                    if (at < 0) return -1;
                }
                else
                {
                    // '/': a comment (skipped, the reader reports it) or a stray slash (the reader's error).
                    int after = SkipComment(text, at);
                    if (after < 0) return -1;
                    if (after > at) at = after - 1;
                }
                at = NextStructure(text, at + 1);
                if (at < 0) return -1;
            }
        }

        /// <summary>
        /// The offset of the next quote, bracket, brace or slash from <paramref name="pos"/>, or -1. A loop over a table
        /// rather than <c>IndexOfAny</c> with seven characters: that call sets up its vector search anew each time, and
        /// the gaps between strings it is asked to cross are a few characters long (a 100 MB page asked it 5 million times).
        /// </summary>
        private static unsafe int NextStructure(string text, int pos)
        {
            fixed (char* p = text)
            {
                for (int i = pos; i < text.Length; i++)
                {
                    char c = p[i];
                    if (c < 128 && IsStructure[c]) return i;
                }
            }
            return -1;
        }

        private static readonly bool[] IsStructure = StructureTable();

        private static bool[] StructureTable()
        {
            var table = new bool[128];
            foreach (char c in Structure) table[c] = true;
            return table;
        }

        /// <summary>The offset of the quote that closes the string opening at <paramref name="pos"/>, or -1.</summary>
        /// <remarks>A plain loop: most strings of an export are keys and short values, shorter than a vector search's set-up.</remarks>
        private static unsafe int StringEnd(string text, int pos)
        {
            fixed (char* p = text)
            {
                char quote = p[pos];
                int n = text.Length;
                for (int i = pos + 1; i < n; i++)
                {
                    char c = p[i];
                    if (c == quote) return i;
                    // An escape takes the next character with it, whatever it is.
                    if (c == '\\') i++;
                }
            }
            return -1;
        }

        /// <summary>Past a comment at <paramref name="pos"/>; <paramref name="pos"/> itself when none starts there; -1 when unclosed.</summary>
        private static int SkipComment(string text, int pos)
        {
            if (pos + 1 >= text.Length || text[pos] != '/') return pos;
            if (text[pos + 1] == '/')
            {
                int eol = text.IndexOfAny(LineBreaks, pos + 2);
                return eol < 0 ? text.Length : eol;
            }
            if (text[pos + 1] != '*') return pos;
            int close = text.IndexOf("*/", pos + 2, StringComparison.Ordinal);
            return close < 0 ? -1 : close + 2;
        }

        /// <summary>Past whitespace and comments; -1 for an unclosed comment.</summary>
        private static int SkipTrivia(string text, int pos)
        {
            while (true)
            {
                pos = SkipWhitespace(text, pos);
                int after = SkipComment(text, pos);
                if (after < 0 || after == pos) return after;
                pos = after;
            }
        }

        private static int SkipWhitespace(string text, int pos)
        {
            while (pos < text.Length)
            {
                char c = text[pos];
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
                pos++;
            }
            return pos;
        }
    }
}
