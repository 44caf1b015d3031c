using ConfigLint.Core.Rules;

namespace ConfigLint.Rules
{
    public static partial class BuiltInPacks
    {
        /// <summary>A condition of the generated packs: each operator replayed with its operand, as the loader adds it.</summary>
        private static ValueCondition When(PresenceTest presence, params (string Operator, object? Operand)[] terms)
        {
            var condition = new ValueCondition(presence);
            foreach (var (op, operand) in terms) condition.Add(op, operand);
            return condition;
        }
    }
}
