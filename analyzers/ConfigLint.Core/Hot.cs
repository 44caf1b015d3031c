using System.Runtime.CompilerServices;

namespace ConfigLint.Core
{
    /// <summary>
    /// <c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name (the runtime reads the bit):
    /// the method is compiled optimized at its first call and never again. For the few loops every input byte passes
    /// through. In a fresh compiler process (the analyzer's usual host, whose runtime settings are not ours) tiered
    /// compilation would run them unoptimized and then instrumented for profile-guided optimization for most of a
    /// build (a counter helper call per block: a fifth of the analyzer's time in a 1,700-file build).
    /// </summary>
    internal static class Hot
    {
#if CONFIGLINT_PRECOMPILED
        // ReadyToRun builds (the win-x64 and osx-arm64 tool packages, build/pack/pack.sh): crossgen leaves a method marked
        // AggressiveOptimization to the JIT, which would then compile these at every start (20-file start-up 210 -> 230
        // ms on linux-x64); precompiled, they start compiled, and the CLI's runtime settings keep profiling off.
        public const MethodImplOptions Loop = 0;
#else
        public const MethodImplOptions Loop = (MethodImplOptions)512;
#endif
    }
}
