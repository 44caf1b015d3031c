using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;

namespace ConfigLint.Cli.Audit
{
    /// <summary>
    /// The audit's findings on disk instead of in memory: a private SQLite file in the temp folder, written in batched
    /// transactions as the findings arrive and read back, sorted, once per report. It is separate from the history so
    /// that a history that is corrupt, locked or fails half way never costs the reports a finding; the history copies
    /// the run's findings from it in one statement (<see cref="HistoryStore.AddFindings"/>). Deleted when disposed.
    /// </summary>
    public sealed class FindingSpool : IDisposable
    {
        /// <summary>Rows per transaction: one commit per batch, not per row.</summary>
        public const int BatchSize = 4096;

        private const string Columns = "rule_id, title, severity, outcome, message, fingerprint, file, line, col, resource_type, resource_id, resource_name, policy, controls, recommendation, help_uri, s_rule, s_target, s_justification, s_owner, s_expires, s_file, s_line";

        /// <summary>The report order (<see cref="AuditBuilder.FindingOrder"/>): SQLite's binary collation is ordinal for UTF-8.</summary>
        public const string Order = "policy, file, line, col, rule_id, fingerprint";

        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private SqliteTransaction? _transaction;
        private int _pending;
        private bool _sealed;

        private FindingSpool(string path, SqliteConnection connection)
        {
            Path = path;
            _connection = connection;
            Execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;");
            Execute($"CREATE TABLE findings ({Columns})");
            _insert = _connection.CreateCommand();
            _insert.CommandText = $"INSERT INTO findings ({Columns}) VALUES ({string.Join(", ", Array.ConvertAll(Columns.Split(", "), c => "$" + c))})";
            foreach (var column in Columns.Split(", ")) _insert.Parameters.Add(new SqliteParameter("$" + column, null));
        }

        /// <summary>The spool file (for the history's <c>ATTACH</c>).</summary>
        public string Path { get; }

        /// <summary>How many findings were added.</summary>
        public int Count { get; private set; }

        /// <summary>A new spool in <paramref name="folder"/> (default: the temp folder); throws <see cref="HistoryException"/> naming it when it cannot be made.</summary>
        public static FindingSpool Create(string? folder = null)
        {
            string path = System.IO.Path.Combine(folder ?? System.IO.Path.GetTempPath(), "configlint-audit-" + Guid.NewGuid().ToString("N") + ".db");
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
            try
            {
                connection.Open();
                return new FindingSpool(path, connection);
            }
            catch (SqliteException ex)
            {
                connection.Dispose();
                TryDelete(path);
                throw new HistoryException($"cannot create the audit's working file {path}: {ex.Message}", ex);
            }
        }

        public void Add(AuditFinding f)
        {
            if (_sealed) throw new InvalidOperationException("the spool is sealed");
            if (_transaction == null)
            {
                _transaction = _connection.BeginTransaction();
                _insert.Transaction = _transaction;
            }
            var s = f.Suppression;
            object?[] values =
            {
                f.RuleId, f.Title, f.Severity, f.Outcome, f.Message, f.Fingerprint, f.File, f.Line, f.Column, f.ResourceType, f.ResourceId, f.ResourceName,
                f.Policy, string.Join(" ", f.Controls), f.Recommendation, f.HelpUri, s?.RuleId, s?.Target, s?.Justification, s?.Owner, s?.Expires, s?.File, s?.Line,
            };
            for (int i = 0; i < values.Length; i++) _insert.Parameters[i].Value = values[i] ?? DBNull.Value;
            _insert.ExecuteNonQuery();
            Count++;
            if (++_pending >= BatchSize) Commit();
        }

        /// <summary>Commits the last batch and indexes the report order; nothing is added after.</summary>
        public void Seal()
        {
            if (_sealed) return;
            Commit();
            Execute($"CREATE INDEX findings_order ON findings ({Order})");
            _sealed = true;
        }

        /// <summary>
        /// Every finding in report order, read lazily. The first <paramref name="snippets"/> findings with a file and a
        /// line (not the not-checkable ones) get their excerpt of the export, read from <paramref name="baseDirectory"/>.
        /// </summary>
        public IEnumerable<AuditFinding> Read(string baseDirectory, int snippets)
        {
            Seal();
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM findings ORDER BY {Order}";
            using var reader = command.ExecuteReader();
            var excerpts = new SnippetReader(baseDirectory);
            int excerpted = 0;
            while (reader.Read())
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                int? Int(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
                var finding = new AuditFinding
                {
                    RuleId = reader.GetString(0), Title = reader.GetString(1), Severity = reader.GetString(2), Outcome = reader.GetString(3), Message = reader.GetString(4),
                    Fingerprint = reader.GetString(5), File = Text(6), Line = Int(7), Column = Int(8), ResourceType = Text(9), ResourceId = Text(10), ResourceName = Text(11),
                    Policy = reader.GetString(12), Recommendation = reader.GetString(14), HelpUri = reader.GetString(15),
                };
                string controls = reader.GetString(13);
                if (controls.Length > 0) finding.Controls.AddRange(controls.Split(' '));
                if (!reader.IsDBNull(16))
                {
                    finding.Suppression = new AcceptedRisk
                    {
                        RuleId = reader.GetString(16), Target = Text(17) ?? string.Empty, Justification = Text(18) ?? string.Empty, Owner = Text(19) ?? string.Empty,
                        Expires = Text(20), File = Text(21), Line = Int(22),
                    };
                }
                if (excerpted < snippets && finding.File != null && finding.Line != null && finding.Outcome != "not checkable offline")
                {
                    excerpted++;
                    excerpts.Add(finding);
                }
                yield return finding;
            }
        }

        private void Commit()
        {
            _transaction?.Commit();
            _transaction?.Dispose();
            _transaction = null;
            _pending = 0;
        }

        private void Execute(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _insert.Dispose();
            _transaction?.Dispose();
            _connection.Dispose();
            TryDelete(Path);
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A temp file left behind is harmless; the run's outcome does not depend on it.
            }
        }

        /// <summary>A few numbered lines of the export around a finding; keeps only the last file read (findings come grouped by file).</summary>
        private sealed class SnippetReader
        {
            private const int Context = 2;
            private readonly string _baseDirectory;
            private string? _file;
            private string[]? _lines;

            public SnippetReader(string baseDirectory) => _baseDirectory = baseDirectory;

            public void Add(AuditFinding finding)
            {
                if (!string.Equals(_file, finding.File, StringComparison.Ordinal))
                {
                    _file = finding.File;
                    var path = System.IO.Path.Combine(_baseDirectory, finding.File!);
                    try
                    {
                        // Only a regular file is read again: the finding may be the one that says a FIFO was passed over,
                        // and opening that would wait for a writer.
                        _lines = FileSystemEntries.KindOf(path) == EntryKind.Regular ? File.ReadAllLines(path) : null;
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        _lines = null;
                    }
                }
                if (_lines == null) return;
                int line = finding.Line!.Value;
                int from = Math.Max(1, line - Context), to = Math.Min(_lines.Length, line + Context);
                // Deeply nested Settings Catalog JSON: the common indentation is dropped so the lines fit the page.
                int indent = int.MaxValue;
                for (int i = from; i <= to; i++)
                {
                    string text = _lines[i - 1];
                    if (text.Trim().Length > 0) indent = Math.Min(indent, text.Length - text.TrimStart().Length);
                }
                if (indent == int.MaxValue) indent = 0;
                for (int i = from; i <= to; i++)
                {
                    string text = _lines[i - 1].Length >= indent ? _lines[i - 1].Substring(indent) : _lines[i - 1].TrimStart();
                    if (text.Length > 200) text = text.Substring(0, 200) + " …";
                    finding.Snippet.Add(new SnippetLine { Line = i, Text = text, Marked = i == line });
                }
            }
        }
    }
}
