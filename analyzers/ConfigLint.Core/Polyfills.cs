// netstandard2.0 lacks the marker type the compiler needs for records and init-only setters.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}

namespace ConfigLint.Core
{
    /// <summary>Code-generation hints netstandard2.0 cannot name.</summary>
    internal static class CodeGen
    {
        /// <summary>
        /// <c>MethodImplOptions.AggressiveOptimization</c> (512; the runtimes the engine runs on honour it): a method with
        /// a loop otherwise starts as unoptimized tier-0 code and, in a process busy compiling other methods, is promoted
        /// late; a perf map of a 20x CLI run found a tenth of its samples in the reader's tier-0 loops.
        /// </summary>
        public const System.Runtime.CompilerServices.MethodImplOptions Optimized = (System.Runtime.CompilerServices.MethodImplOptions)512;
    }
}
