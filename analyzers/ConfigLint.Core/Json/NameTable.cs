using System.Collections.Generic;

namespace ConfigLint.Core.Json
{
    /// <summary>
    /// Interns property names. Exports repeat a small vocabulary of keys thousands of times; one string per name saves an allocation per occurrence. The table is
    /// bounded so that a file full of unique keys cannot grow it without limit.
    /// </summary>
    internal sealed class NameTable
    {
        private const int MaxEntries = 4096;
        private const int MaxNameLength = 128;
        private readonly Dictionary<int, string[]> _buckets = new Dictionary<int, string[]>();
        private int _count;

        /// <summary>The interned copy of <c>text[start..start+length)</c>.</summary>
        public string Get(string text, int start, int length)
        {
            if (length > MaxNameLength) return text.Substring(start, length);
            int hash = length;
            for (int i = 0; i < length; i++) hash = unchecked((hash * 31) + text[start + i]);
            if (_buckets.TryGetValue(hash, out var bucket))
            {
                foreach (var candidate in bucket)
                {
                    if (candidate.Length == length && string.CompareOrdinal(candidate, 0, text, start, length) == 0) return candidate;
                }
            }
            var name = text.Substring(start, length);
            // A name the program itself spells (every property a rule looks up is a literal) gets the runtime's interned
            // copy, so that lookups mostly end in a reference comparison.
            return Add(hash, bucket, string.IsInterned(name) ?? name);
        }

        private string Add(int hash, string[]? bucket, string name)
        {
            if (_count >= MaxEntries)
            {
                _buckets.Clear();
                _count = 0;
                bucket = null;
            }
            if (bucket == null)
            {
                _buckets[hash] = new[] { name };
            }
            else
            {
                var grown = new string[bucket.Length + 1];
                bucket.CopyTo(grown, 0);
                grown[bucket.Length] = name;
                _buckets[hash] = grown;
            }
            _count++;
            return name;
        }
    }
}
