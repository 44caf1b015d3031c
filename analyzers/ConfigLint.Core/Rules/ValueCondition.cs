using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;

namespace ConfigLint.Core.Rules
{
    public enum PresenceTest
    {
        /// <summary>Test the value of each occurrence.</summary>
        Value,

        /// <summary>Holds when the setting does not appear in the resource at all.</summary>
        Missing,

        /// <summary>Holds when the setting is missing, null, an empty string or an empty list.</summary>
        MissingOrEmpty,
    }

    /// <summary>A small condition language over a setting's canonical value (PSRule-style operators).</summary>
    public sealed class ValueCondition
    {
        private readonly List<(string Name, Func<string?, SettingOccurrence, RuleOptions?, bool> Test)> _tests = new List<(string, Func<string?, SettingOccurrence, RuleOptions?, bool>)>();

        // The operands as the pack wrote them, beside the compiled tests: the built-in packs are compiled into C# at
        // build time (BuiltInPacks.g.cs) by replaying each operator with its operand, whatever shape the operand has.
        private readonly List<(string Operator, object? Operand)> _terms = new List<(string, object?)>();

        public ValueCondition(PresenceTest presence)
        {
            Presence = presence;
        }

        public PresenceTest Presence { get; }

        /// <summary>How long one 'matches' test may run on one value.</summary>
        public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

        public IEnumerable<string> Operators => _tests.Select(t => t.Name);

        /// <summary>Each operator with its operand as read (null, a string, a list or mapping of them), in pack order.</summary>
        public IReadOnlyList<(string Operator, object? Operand)> Terms => _terms;

        /// <summary>The rule options this condition reads (operands such as <c>{ option: minLength }</c>).</summary>
        public IEnumerable<RuleOptionDeclaration> Options => _options;

        private readonly List<RuleOptionDeclaration> _options = new List<RuleOptionDeclaration>();

        /// <summary>Whether the value matches, with every option operand at its default.</summary>
        public bool Matches(string? canonical, SettingOccurrence occurrence) => Matches(canonical, occurrence, null);

        /// <summary>Whether the value matches, option operands read from <paramref name="options"/> (null: their defaults).</summary>
        public bool Matches(string? canonical, SettingOccurrence occurrence, RuleOptions? options)
        {
            foreach (var (_, test) in _tests)
            {
                if (!test(canonical, occurrence, options)) return false;
            }
            return true;
        }

        /// <summary>Adds an operator; throws <see cref="FormatException"/> with a readable reason when it is not understood.</summary>
        public void Add(string op, object? operand)
        {
            if (operand is OptionOperand option)
            {
                _tests.Add((op, OptionTest(op, option)));
                _terms.Add((op, operand));
                if (!_options.Contains(option.Option)) _options.Add(option.Option);
                return;
            }
            var test = ValueTest(op, operand) ?? OrderTest(op, operand)
                ?? throw new FormatException($"unknown operator '{op}'; expected one of equals, notEquals, in, notIn, greater, greaterOrEquals, less, lessOrEquals, durationGreater, durationGreaterOrEquals, durationLess, durationLessOrEquals, matches, contains, isNull");
            _tests.Add((op, test));
            _terms.Add((op, operand));
        }

        /// <summary>An operator whose operand is a rule option, read from the run's options at each test.</summary>
        private static Func<string?, SettingOccurrence, RuleOptions?, bool> OptionTest(string op, OptionOperand operand)
        {
            switch (op)
            {
                case "equals":
                    return (v, _, o) => ValueEquals(v, operand.Canonical(o));
                case "notEquals":
                    return (v, _, o) => !ValueEquals(v, operand.Canonical(o));
                case "greater":
                case "greaterOrEquals":
                case "less":
                case "lessOrEquals":
                    return (v, _, o) => TryNumber(v, out var n) && Compare(op, n.CompareTo(operand.Number(o)));
                case "durationGreater":
                case "durationGreaterOrEquals":
                case "durationLess":
                case "durationLessOrEquals":
                {
                    if (operand.Unit == null) throw new FormatException($"'{op}' with an option operand needs 'unit:', the ISO 8601 duration the option counts (e.g. P1D for days)");
                    string comparison = char.ToLowerInvariant(op[8]) + op.Substring(9);
                    return (v, _, o) => TryDuration(v, out var d) && Compare(comparison, d.CompareTo(operand.Duration(o)));
                }
                default:
                    throw new FormatException($"'{op}' does not take an option operand; use equals, notEquals, greater, greaterOrEquals, less, lessOrEquals or a duration comparison");
            }
        }

        /// <summary>The equality, membership, pattern and null operators; null for another operator.</summary>
        private static Func<string?, SettingOccurrence, RuleOptions?, bool>? ValueTest(string op, object? operand)
        {
            switch (op)
            {
                case "equals":
                    return (v, _, _) => ValueEquals(v, Scalar(operand));
                case "notEquals":
                    return (v, _, _) => !ValueEquals(v, Scalar(operand));
                case "in":
                {
                    var set = List(op, operand);
                    return (v, _, _) => set.Any(x => ValueEquals(v, x));
                }
                case "notIn":
                {
                    var set = List(op, operand);
                    return (v, _, _) => v != null && !set.Any(x => ValueEquals(v, x));
                }
                case "matches":
                {
                    var pattern = Scalar(operand) ?? throw new FormatException("'matches' needs a regular expression");
                    var regex = new TimedRegex(pattern);
                    return (v, o, _) => o.Values != null ? o.Values.Any(x => regex.IsMatch(x, o)) : v != null && regex.IsMatch(v, o);
                }
                case "contains":
                {
                    var item = Scalar(operand);
                    return (v, o, _) => o.Values != null ? o.Values.Any(x => ValueEquals(x, item)) : ValueEquals(v, item);
                }
                case "isNull":
                {
                    bool expected = Bool(op, operand);
                    return (v, o, _) => (o.ValueNode.Kind == JsonKind.Null) == expected;
                }
                default:
                    return null;
            }
        }

        /// <summary>The number and duration comparisons; null for another operator.</summary>
        private static Func<string?, SettingOccurrence, RuleOptions?, bool>? OrderTest(string op, object? operand)
        {
            switch (op)
            {
                case "greater":
                case "greaterOrEquals":
                case "less":
                case "lessOrEquals":
                {
                    double limit = Number(op, operand);
                    return (v, _, _) => TryNumber(v, out var n) && Compare(op, n.CompareTo(limit));
                }
                case "durationGreater":
                case "durationGreaterOrEquals":
                case "durationLess":
                case "durationLessOrEquals":
                {
                    var limit = Duration(op, Scalar(operand));
                    string comparison = char.ToLowerInvariant(op[8]) + op.Substring(9); // durationGreater -> greater
                    return (v, _, _) => TryDuration(v, out var d) && Compare(comparison, d.CompareTo(limit));
                }
                default:
                    return null;
            }
        }

        private static bool Compare(string op, int comparison) => op switch
        {
            "greater" => comparison > 0,
            "greaterOrEquals" => comparison >= 0,
            "less" => comparison < 0,
            _ => comparison <= 0,
        };

        public static bool ValueEquals(string? a, string? b)
        {
            if (a == null || b == null) return a == null && b == null;
            if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) return true;
            return TryNumber(a, out var x) && TryNumber(b, out var y) && x == y;
        }

        public static bool TryNumber(string? text, out double value) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        /// <summary>ISO 8601 durations as exports write them (P90D, PT12H, PT30M).</summary>
        public static bool TryDuration(string? text, out TimeSpan value)
        {
            value = default;
            if (string.IsNullOrWhiteSpace(text)) return false;
            try
            {
                value = XmlConvert.ToTimeSpan(text!.Trim());
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        private static TimeSpan Duration(string op, string? text) =>
            TryDuration(text, out var d) ? d : throw new FormatException($"'{op}' needs an ISO 8601 duration such as P90D, got '{text}'");

        private static string? Scalar(object? operand) => operand switch
        {
            null => null,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => operand.ToString(),
        };

        private static List<string?> List(string op, object? operand) =>
            operand is IEnumerable<object> items && operand is not string
                ? items.Select(Scalar).ToList()
                : throw new FormatException($"'{op}' needs a list of values");

        private static double Number(string op, object? operand) =>
            TryNumber(Scalar(operand), out var n) ? n : throw new FormatException($"'{op}' needs a number, got '{operand}'");

        private static bool Bool(string op, object? operand) => Scalar(operand) switch
        {
            "true" => true,
            "false" => false,
            var other => throw new FormatException($"'{op}' needs true or false, got '{other}'"),
        };
    }

    /// <summary>
    /// A 'matches' pattern that runs with a time limit: a user's pack may hold a pattern with catastrophic
    /// backtracking, which must end in a diagnostic, not a hang. After its first timeout a pattern is not run again
    /// in the process, so a pack cannot cost the time limit once per value.
    /// </summary>
    internal sealed class TimedRegex
    {
        private readonly Regex _regex;
        private volatile bool _timedOut;

        public TimedRegex(string pattern)
        {
            // An invalid pattern throws ArgumentException here, which the loader reports at the pattern's position.
            _regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, ValueCondition.RegexTimeout);
        }

        public bool IsMatch(string input, SettingOccurrence occurrence)
        {
            if (_timedOut) throw new ConditionTimeoutException(_regex.ToString(), occurrence);
            try
            {
                return _regex.IsMatch(input);
            }
            catch (RegexMatchTimeoutException)
            {
                _timedOut = true;
                throw new ConditionTimeoutException(_regex.ToString(), occurrence);
            }
        }
    }

    /// <summary>A condition could not be decided in time on a setting's value; the engine reports it as a diagnostic.</summary>
    public sealed class ConditionTimeoutException : Exception
    {
        public ConditionTimeoutException(string pattern, SettingOccurrence occurrence)
            : base($"the regular expression '{pattern}' took longer than {ValueCondition.RegexTimeout.TotalMilliseconds:0} ms")
        {
            Pattern = pattern;
            Occurrence = occurrence;
        }

        public string Pattern { get; }
        public SettingOccurrence Occurrence { get; }
    }
}
