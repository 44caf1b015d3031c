using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Engine
{
    /// <summary>A file to lint: the path the engine and the reports use, and how to read its bytes.</summary>
    public readonly struct LintInput
    {
        public LintInput(string path, Func<byte[]> read, Func<Stream>? open = null)
        {
            Path = path;
            Read = read;
            Open = open;
        }

        public string Path { get; }

        /// <summary>Reads the file; an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> is reported as unreadable.</summary>
        public Func<byte[]> Read { get; }

        /// <summary>
        /// Opens the file as a seekable stream, when the host can (the same errors as <see cref="Read"/>): a large UTF-8
        /// file is then decoded without holding its bytes beside its text.
        /// </summary>
        public Func<Stream>? Open { get; }
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
    /// A file that comes back to an already completed scope is a caller bug and fails the run. There is no consumer
    /// thread to wake per file: the worker that finishes the oldest outstanding file reports it and every finished file
    /// after it, one worker at a time, so the listener is never called concurrently.
    /// </remarks>
    public static class LintPipeline
    {
        public static void Run(LintRun run, IEnumerable<LintInput> inputs, int workers, ILintListener listener)
        {
            if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers));
            using var state = new State(run, inputs.GetEnumerator(), listener, window: Math.Max(64, workers * 32));
            var threads = new Thread[workers - 1];
            for (int i = 0; i < threads.Length; i++)
            {
                threads[i] = new Thread(state.Work) { IsBackground = true, Name = "configlint-worker-" + (i + 1) };
                threads[i].Start();
            }
            try
            {
                // The calling thread is a worker too, then waits for the last file to be reported.
                state.Work();
                state.WaitUntilReported();
            }
            finally
            {
                state.Stop();
                foreach (var thread in threads) thread.Join();
            }
            state.ThrowIfFailed();
            state.CloseAll();
            var rest = run.Complete();
            // Only scopes opened outside the walk (none in walk order) are left; still, nothing goes unreported.
            if (rest.Count > 0) listener.ScopeCompleted(string.Empty, rest);
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
            DecodedText decoded;
            try
            {
                decoded = ReadText(input);
            }
            catch (SkippedInputException ex)
            {
                return run.ReportSkipped(input.Path, ex.Message);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return run.ReportUnreadable(input.Path, ex.Message);
            }
            return run.LintDecoded(input.Path, decoded);
        }

        /// <summary>
        /// The file's bytes live only in this frame: a large file's bytes can be collected once its text is decoded,
        /// rather than staying reachable (unoptimized code keeps locals alive) while the text is linted. (ASCII and UTF-16
        /// LE bytes are kept: they are the text, read in place.)
        /// </summary>
        private static DecodedText ReadText(LintInput input)
        {
            if (input.Open == null) return TextDecoder.DecodeInPlace(input.Read());
            using (var stream = input.Open())
            {
                // Asked once: each Length is a system call (fstat), and this runs for every file.
                long length = stream.CanSeek ? stream.Length : -1;
                if (length >= StreamedFileBytes && TextDecoder.DecodeUtf8Stream(stream) is DecodedText streamed) return streamed;
                if (length > 0 && length < StreamedFileBytes) return TextDecoder.DecodeInPlace(ReadAll(stream, (int)length));
            }
            return TextDecoder.DecodeInPlace(input.Read());
        }

        /// <summary>Files from this size on are decoded from a stream (two passes over the file, no byte array).</summary>
        private const long StreamedFileBytes = 8 << 20;

        /// <summary>The stream's bytes, as <see cref="File.ReadAllBytes"/> reads them: the length it had when opened.</summary>
        private static byte[] ReadAll(Stream stream, int length)
        {
            var bytes = new byte[length];
            int at = 0;
            for (int r; at < length && (r = stream.Read(bytes, at, length - at)) > 0;) at += r;
            if (at < length) Array.Resize(ref bytes, at);
            return bytes;
        }

        /// <summary>The shared cursor over the inputs and the reorder window, guarded by one lock.</summary>
        private sealed class State : IDisposable
        {
            private readonly LintRun _run;
            private readonly IEnumerator<LintInput> _inputs;
            private readonly ILintListener _listener;
            private readonly FileResult?[] _slots;
            private readonly object _gate = new object();

            // Scopes open in the walk, outermost first; touched only by the worker that is reporting.
            private readonly List<string> _open = new List<string>();
            private int _taken;
            private int _reported;
            private int _total = -1;
            private int _waitingForWindow;
            private bool _reporting;
            private bool _stopped;
            private Exception? _failure;

            public State(LintRun run, IEnumerator<LintInput> inputs, ILintListener listener, int window)
            {
                _run = run;
                _inputs = inputs;
                _listener = listener;
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
                        while (!_stopped && _total < 0 && _taken - _reported >= _slots.Length)
                        {
                            _waitingForWindow++;
                            Monitor.Wait(_gate);
                            _waitingForWindow--;
                        }
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
                        // Another worker is reporting: it will find this result when it gets to it.
                        if (_reporting || sequence != _reported) continue;
                        _reporting = true;
                    }
                    Report();
                }
            }

            /// <summary>Reports every finished file from the oldest outstanding one on, in order.</summary>
            private void Report()
            {
                while (true)
                {
                    FileResult? result;
                    lock (_gate)
                    {
                        int slot = _reported % _slots.Length;
                        result = _stopped ? null : _slots[slot];
                        if (result == null)
                        {
                            _reporting = false;
                            if (_stopped || (_total >= 0 && _reported == _total)) Monitor.PulseAll(_gate);
                            return;
                        }
                        _slots[slot] = null;
                        _reported++;
                        if (_waitingForWindow > 0) Monitor.PulseAll(_gate);
                    }
                    try
                    {
                        Emit(result);
                    }
                    catch (Exception ex)
                    {
                        lock (_gate)
                        {
                            _reporting = false;
                            Fail(ex);
                        }
                        return;
                    }
                }
            }

            private void Emit(FileResult result)
            {
                // Leaving a folder completes the scopes rooted in it, innermost first.
                while (_open.Count > 0 && !IsUnder(result.Path, _open[_open.Count - 1])) Close();
                if (_open.Count == 0 || !string.Equals(_open[_open.Count - 1], result.Scope, StringComparison.Ordinal)) _open.Add(result.Scope);
                _listener.FileLinted(result);
            }

            private void Close()
            {
                string scope = _open[_open.Count - 1];
                _open.RemoveAt(_open.Count - 1);
                var findings = _run.CompleteScope(scope, out var foldedInto);
                if (foldedInto == null)
                {
                    _listener.ScopeCompleted(scope, findings);
                    return;
                }
                // The folder was an object-type folder of an enclosing export: that scope reports for both, when the
                // walk leaves its folder. It encloses the closed one, so it goes below the scopes nested in it.
                if (_open.Contains(foldedInto, StringComparer.Ordinal)) return;
                int at = _open.FindIndex(open => IsUnder(open, foldedInto));
                _open.Insert(at < 0 ? _open.Count : at, foldedInto);
            }

            /// <summary>Completes the scopes still open after the last file.</summary>
            public void CloseAll()
            {
                while (_open.Count > 0) Close();
            }

            public void WaitUntilReported()
            {
                lock (_gate)
                {
                    while (!_stopped && (_total < 0 || _reported < _total || _reporting)) Monitor.Wait(_gate);
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
