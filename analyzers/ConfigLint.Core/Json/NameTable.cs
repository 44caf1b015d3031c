using System;
using System.Runtime.CompilerServices;

namespace ConfigLint.Core.Json
{
    /// <summary>
    /// Interns property names. Exports repeat a small vocabulary of keys thousands of times; one string per name saves an
    /// allocation per occurrence. The table is bounded so that a file full of unique keys cannot grow it without limit.
    /// </summary>
    /// <remarks>
    /// Every property name of every file passes through <see cref="Get"/>, so it is an open-addressing table (one array of
    /// slots probed in a line, each slot keeping its name's hash) rather than a dictionary of buckets: a hit costs one hash
    /// over the characters, usually one slot, and one comparison four characters at a time.
    /// </remarks>
    internal sealed class NameTable
    {
        private const int MaxEntries = 4096;
        private const int MaxNameLength = 128;

        // Twice the entries, so a probe sequence stays short; a power of two, so a slot is the hash's low bits.
        private readonly string?[] _names = new string?[MaxEntries * 2];
        private readonly int[] _hashes = new int[MaxEntries * 2];
        private int _count;

        /// <summary>The interned copy of the <paramref name="length"/> characters at <paramref name="at"/>.</summary>
        [MethodImpl(Hot.Loop)]
        public unsafe string Get(char* at, int length)
        {
            if (length > MaxNameLength) return new string(at, 0, length);
            int mask = _names.Length - 1;
            int hash = length;
            for (int i = 0; i < length; i++) hash = unchecked((hash * 31) + at[i]);
            // Mixed, so that names differing in their last characters do not land in neighbouring slots.
            hash = unchecked((hash ^ (hash >> 15)) * 0x2C1B3C6D);
            hash ^= hash >> 12;
            int slot = hash & mask;
            while (true)
            {
                var candidate = _names[slot];
                if (candidate == null) break;
                if (_hashes[slot] == hash && candidate.Length == length && SameChars(candidate, at, length)) return candidate;
                slot = (slot + 1) & mask;
            }
            var name = new string(at, 0, length);
            // A name the program itself spells (every property a rule looks up is a literal) gets the runtime's interned
            // copy, so that lookups mostly end in a reference comparison.
            name = string.IsInterned(name) ?? name;
            if (_count >= MaxEntries)
            {
                Array.Clear(_names, 0, _names.Length);
                _count = 0;
                slot = hash & mask;
            }
            _names[slot] = name;
            _hashes[slot] = hash;
            _count++;
            return name;
        }

        /// <summary>Whether <paramref name="candidate"/> (of <paramref name="length"/> characters) spells the characters at <paramref name="name"/>.</summary>
        [MethodImpl(Hot.Loop)]
        private static unsafe bool SameChars(string candidate, char* name, int length)
        {
            fixed (char* known = candidate)
            {
                int i = 0;
                for (; i + 4 <= length; i += 4)
                {
                    if (*(ulong*)(known + i) != *(ulong*)(name + i)) return false;
                }
                for (; i < length; i++)
                {
                    if (known[i] != name[i]) return false;
                }
            }
            return true;
        }
    }
}
