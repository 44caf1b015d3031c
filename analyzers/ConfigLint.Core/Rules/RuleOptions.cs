using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ConfigLint.Core.Rules
{
    /// <summary>One named level of an ordered option (lowest first): the word settings use, its canonical value and how messages say it.</summary>
    public sealed class RuleOptionLevel
    {
        public RuleOptionLevel(string name, string value, string text)
        {
            Name = name;
            Value = value;
            Text = text;
        }

        public string Name { get; }

        /// <summary>The canonical value conditions compare with (a number for the order operators).</summary>
        public string Value { get; }

        public string Text { get; }
    }

    /// <summary>
    /// A rule option declared by a pack (<c>options:</c>): a threshold that is a policy choice. It is either a whole
    /// number between <see cref="Minimum"/> and <see cref="Maximum"/> or one of ordered <see cref="Levels"/>. Conditions
    /// name it as an operand (<c>{ option: name }</c>) and messages as a placeholder (<c>{name}</c>); the engine knows
    /// nothing else about it.
    /// </summary>
    public sealed class RuleOptionDeclaration
    {
        public RuleOptionDeclaration(int index, string name, string description, string defaultValue, int minimum, int maximum, IReadOnlyList<RuleOptionLevel>? levels)
        {
            Index = index;
            Name = name;
            Description = description;
            Minimum = minimum;
            Maximum = maximum;
            Levels = levels;
            if (!TryRead(defaultValue, out var value, out var error)) throw new FormatException($"option '{name}': default {error}");
            Default = value;
        }

        /// <summary>The option's position among the pack's options (its slot in <see cref="RuleOptions"/>).</summary>
        public int Index { get; }
        public string Name { get; }
        public string Description { get; }
        public int Minimum { get; }
        public int Maximum { get; }

        /// <summary>The ordered levels, lowest first, or null for a whole number.</summary>
        public IReadOnlyList<RuleOptionLevel>? Levels { get; }

        public RuleOptionValue Default { get; }

        /// <summary>"a whole number from 4 to 16" or "one of low, medium, high".</summary>
        public string Expected => Levels == null
            ? $"a whole number from {Minimum.ToString(CultureInfo.InvariantCulture)} to {Maximum.ToString(CultureInfo.InvariantCulture)}"
            : "one of " + string.Join(", ", Levels.Select(l => l.Name));

        /// <summary>Reads a configured value; false with the reason ("'x' is not ...") when it is of the wrong kind or out of range.</summary>
        public bool TryRead(string text, out RuleOptionValue value, out string error)
        {
            value = default;
            text = text.Trim();
            if (Levels != null)
            {
                var level = Levels.FirstOrDefault(l => string.Equals(l.Name, text, StringComparison.OrdinalIgnoreCase));
                if (level == null)
                {
                    error = $"'{text}' is not {Expected}";
                    return false;
                }
                ValueCondition.TryNumber(level.Value, out var number);
                value = new RuleOptionValue(level.Name, level.Value, level.Text, number);
                error = string.Empty;
                return true;
            }
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) || whole < Minimum || whole > Maximum)
            {
                error = $"'{text}' is not {Expected}";
                return false;
            }
            string canonical = whole.ToString(CultureInfo.InvariantCulture);
            value = new RuleOptionValue(canonical, canonical, canonical, whole);
            error = string.Empty;
            return true;
        }
    }

    /// <summary>An option's value: as configured, canonical (what conditions and fixes use), as messages say it, as a number.</summary>
    public readonly struct RuleOptionValue
    {
        public RuleOptionValue(string name, string canonical, string text, double number)
        {
            Name = name;
            Canonical = canonical;
            Text = text;
            Number = number;
        }

        public string Name { get; }
        public string Canonical { get; }
        public string Text { get; }
        public double Number { get; }
    }

    /// <summary>
    /// The option values of one run: "option name → value", defaults where nothing is configured. Immutable; a lookup by
    /// declaration is an array index, so conditions read it on the hot path without allocating.
    /// </summary>
    public sealed class RuleOptions
    {
        private readonly IReadOnlyList<RuleOptionDeclaration> _declarations;
        private readonly RuleOptionValue[] _values;

        private RuleOptions(IReadOnlyList<RuleOptionDeclaration> declarations, RuleOptionValue[] values, bool configured)
        {
            _declarations = declarations;
            _values = values;
            IsConfigured = configured;
        }

        /// <summary>No declarations, no values: every lookup gives the declaration's default.</summary>
        public static RuleOptions None { get; } = new RuleOptions(Array.Empty<RuleOptionDeclaration>(), Array.Empty<RuleOptionValue>(), false);

        /// <summary>Every declared option at its default.</summary>
        public static RuleOptions Defaults(IReadOnlyList<RuleOptionDeclaration> declarations) =>
            new RuleOptions(declarations, declarations.Select(d => d.Default).ToArray(), false);

        /// <summary>
        /// The declared options with the configured ones set. Each problem names the option and says what is wrong
        /// (unknown name, wrong kind, out of range); the option keeps its default then.
        /// </summary>
        public static RuleOptions Create(IReadOnlyList<RuleOptionDeclaration> declarations, IEnumerable<KeyValuePair<string, string>> configured, Action<string, bool, string>? problem = null)
        {
            var values = declarations.Select(d => d.Default).ToArray();
            bool any = false;
            foreach (var pair in configured)
            {
                var declaration = declarations.FirstOrDefault(d => string.Equals(d.Name, pair.Key, StringComparison.Ordinal));
                if (declaration == null)
                {
                    problem?.Invoke(pair.Key, true, $"unknown option '{pair.Key}'; expected one of {string.Join(", ", declarations.Select(d => d.Name))}");
                    continue;
                }
                if (!declaration.TryRead(pair.Value, out var value, out var error))
                {
                    problem?.Invoke(pair.Key, false, $"{pair.Key}: {error}");
                    continue;
                }
                values[declaration.Index] = value;
                any = true;
            }
            return new RuleOptions(declarations, values, any);
        }

        /// <summary>True when at least one option was configured (even to its default value).</summary>
        public bool IsConfigured { get; }

        public IReadOnlyList<RuleOptionDeclaration> Declarations => _declarations;

        /// <summary>The value of a declared option; its default when these values are for other declarations.</summary>
        public RuleOptionValue this[RuleOptionDeclaration declaration] =>
            declaration.Index < _values.Length && ReferenceEquals(_declarations[declaration.Index], declaration) ? _values[declaration.Index] : declaration.Default;

        /// <summary>The value of an option by name, or null when no option has that name.</summary>
        public RuleOptionValue? Get(string name)
        {
            foreach (var declaration in _declarations)
            {
                if (string.Equals(declaration.Name, name, StringComparison.Ordinal)) return _values[declaration.Index];
            }
            return null;
        }

        /// <summary>A whole-number option by name (what C# rules read); throws when the pack declares no such option.</summary>
        public double Number(string name) =>
            Get(name)?.Number ?? throw new InvalidOperationException($"no rule option '{name}' is declared in the pack");

        /// <summary>The options that differ from their defaults as <c>name=value</c> pairs, joined by ';' (stable order), e.g. to hand over to a code fix.</summary>
        public string Serialize() => string.Join(";", _declarations
            .Where(d => _values[d.Index].Canonical != d.Default.Canonical)
            .Select(d => d.Name + "=" + _values[d.Index].Name));

        /// <summary>Reads <see cref="Serialize"/>'s form back; pairs that do not fit the declarations are left at their defaults.</summary>
        public static RuleOptions Deserialize(IReadOnlyList<RuleOptionDeclaration> declarations, string? text)
        {
            if (string.IsNullOrEmpty(text)) return Defaults(declarations);
            var pairs = text!.Split(';').Select(p => p.Split(new[] { '=' }, 2)).Where(p => p.Length == 2).Select(p => new KeyValuePair<string, string>(p[0], p[1]));
            return Create(declarations, pairs);
        }
    }

    /// <summary>
    /// A condition operand that names an option: <c>{ option: minLength }</c>, scaled for another unit with
    /// <c>times: 60</c> (minutes to seconds) or, for the duration operators, <c>unit: P1D</c> (the option counts days).
    /// </summary>
    public sealed class OptionOperand
    {
        public OptionOperand(RuleOptionDeclaration option, double times, TimeSpan? unit)
        {
            Option = option;
            Times = times;
            Unit = unit;
        }

        public RuleOptionDeclaration Option { get; }
        public double Times { get; }
        public TimeSpan? Unit { get; }

        public double Number(RuleOptions? options) => (options == null ? Option.Default : options[Option]).Number * Times;

        public string Canonical(RuleOptions? options)
        {
            var value = options == null ? Option.Default : options[Option];
            return Times == 1 ? value.Canonical : (value.Number * Times).ToString(CultureInfo.InvariantCulture);
        }

        public TimeSpan Duration(RuleOptions? options) => TimeSpan.FromTicks((long)((Unit ?? TimeSpan.Zero).Ticks * Number(options)));
    }
}
