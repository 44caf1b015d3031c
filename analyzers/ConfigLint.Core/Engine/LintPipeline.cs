using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ConfigLint.Core.Model;

namespace ConfigLint.Core.Engine
{
    /// <summary>A file to lint: the path the engine and the reports use, and how to read its bytes.</summary>
    public readonly struct LintInput
    {
        public LintInput(string path, Func<byte[]> read)
        {
            Path = path;
            Read = read;
        }

        public string Path { get; }

        /// <summary>Reads the file; an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> is reported as unreadable.</summary>
        public Func<byte[]> Read { get; }
    }

    /// <summary>Receives a streaming run's results, on one thread, in report order.</summary>
    public interface ILintListener
    {
        /// <summary>A file's findings (already in report order), in input order.</summary>
        void FileLinted(FileResult result);

        /// <summary>A tenant scope's findings, right after the last file under the scope's folder.</summary>
        void ScopeCompleted(string scope, IReadOnlyList<Finding> findings);
    }

    /// <summary>
    /// Lints a stream of files on several workers and hands results over in input order, one file in memory per worker
    /// plus a small reorder window, whatever the corpus size. Tenant scopes complete as soon as the input leaves their
    /// folder, so tenant-rule state is held for the tenants in progress only.
    /// </summary>
    /// <remarks>
    /// The inputs must come in folder-walk order: all files under a folder consecutively (a depth-first walk does this).
    /// A file that comes back to an already completed scope is a caller bug and fails the run.
    /// </remarks>
    public static class LintPipeline
    {
        public static void Run(LintRun run, IEnumerable<LintInput> inputs, int workers, ILintListener listener)
        {
            if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers));
            using var state = new State(run, inputs.GetEnumerator(), window: workers * 4);
            var threads = new Thread[workers];
            for (int i = 0; i < workers; i++)
            {
                threads[i] = new Thread(state.Work) { IsBackground = true, Name = "configlint-worker-" + i };
                threads[i].Start();
            }
            try
            {
                var open = new List<string>();
                while (state.Next() is FileResult result)
                {
                    // Leaving a folder completes the scopes rooted in it, innermost first.
                    while (open.Count > 0 && !IsUnder(result.Path, open[open.Count - 1])) Close(run, open, listener);
                    string scope = run.ScopeOf(result.Path);
                    if (open.Count == 0 || !string.Equals(open[open.Count - 1], scope, StringComparison.Ordinal)) open.Add(scope);
                    listener.FileLinted(result);
                }
                state.ThrowIfFailed();
                while (open.Count > 0) Close(run, open, listener);
                var rest = run.Complete();
                // Only scopes opened outside the walk (none in walk order) are left; still, nothing goes unreported.
                if (rest.Count > 0) listener.ScopeCompleted(string.Empty, rest);
            }
            finally
            {
                state.Stop();
                foreach (var thread in threads) thread.Join();
            }
        }

        private static void Close(LintRun run, List<string> open, ILintListener listener)
        {
            string scope = open[open.Count - 1];
            open.RemoveAt(open.Count - 1);
            listener.ScopeCompleted(scope, run.CompleteScope(scope));
        }

        /// <summary>True when the path lies under the scope's folder (the empty scope holds every relative path).</summary>
        public static bool IsUnder(string path, string scope)
        {
            if (scope.Length == 0) return true;
            if (path.Length <= scope.Length || !path.StartsWith(scope, StringComparison.Ordinal)) return false;
            char last = scope[scope.Length - 1];
            if (last == '/' || last == '\\') return true;
            char next = path[scope.Length];
            return next == '/' || next == '\\';
        }

        private static FileResult LintOne(LintRun run, LintInput input)
        {
            byte[] bytes;
            try
            {
                bytes = input.Read();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return run.ReportUnreadable(input.Path, ex.Message);
            }
            return run.LintBytes(input.Path, bytes);
        }

        /// <summary>The shared cursor over the inputs and the reorder window, guarded by one lock.</summary>
        private sealed class State : IDisposable
        {
            private readonly LintRun _run;
            private readonly IEnumerator<LintInput> _inputs;
            private readonly FileResult?[] _slots;
            private readonly object _gate = new object();
            private int _taken;
            private int _emitted;
            private int _total = -1;
            private bool _stopped;
            private Exception? _failure;

            public State(LintRun run, IEnumerator<LintInput> inputs, int window)
            {
                _run = run;
                _inputs = inputs;
                _slots = new FileResult?[window];
            }

            public void Work()
            {
                while (true)
                {
                    LintInput input;
                    int sequence;
                    lock (_gate)
                    {
                        // The window bounds memory: a worker does not run ahead of the oldest unreported file by more than it.
                        while (!_stopped && _total < 0 && _taken - _emitted >= _slots.Length) Monitor.Wait(_gate);
                        if (_stopped || _total >= 0) return;
                        try
                        {
                            if (!_inputs.MoveNext())
                            {
                                _total = _taken;
                                Monitor.PulseAll(_gate);
                                return;
                            }
                            input = _inputs.Current;
                        }
                        catch (Exception ex)
                        {
                            Fail(ex);
                            return;
                        }
                        sequence = _taken++;
                    }

                    FileResult result;
                    try
                    {
                        result = LintOne(_run, input);
                    }
                    catch (Exception ex)
                    {
                        // The engine turns bad input and rule bugs into findings; what escapes is a bug of the caller or engine.
                        lock (_gate) Fail(ex);
                        return;
                    }
                    lock (_gate)
                    {
                        _slots[sequence % _slots.Length] = result;
                        Monitor.PulseAll(_gate);
                    }
                }
            }

            /// <summary>The next result in input order, or null after the last one.</summary>
            public FileResult? Next()
            {
                lock (_gate)
                {
                    while (true)
                    {
                        if (_failure != null) return null;
                        int slot = _emitted % _slots.Length;
                        var result = _slots[slot];
                        if (result != null)
                        {
                            _slots[slot] = null;
                            _emitted++;
                            Monitor.PulseAll(_gate);
                            return result;
                        }
                        if (_total >= 0 && _emitted == _total) return null;
                        Monitor.Wait(_gate);
                    }
                }
            }

            public void Stop()
            {
                lock (_gate)
                {
                    _stopped = true;
                    Monitor.PulseAll(_gate);
                }
            }

            public void ThrowIfFailed()
            {
                if (_failure != null) throw new InvalidOperationException($"the lint run failed: {_failure.Message}", _failure);
            }

            private void Fail(Exception ex)
            {
                _failure ??= ex;
                _stopped = true;
                Monitor.PulseAll(_gate);
            }

            public void Dispose() => _inputs.Dispose();
        }
    }
}
