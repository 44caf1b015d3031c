using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;

namespace ConfigLint.Cli.Audit
{
    /// <summary>The history file cannot be used: corrupt, locked, written by a newer ConfigLint, or not writable.</summary>
    public sealed class HistoryException : Exception
    {
        public HistoryException(string message, Exception? inner = null) : base(message, inner) { }
    }

    /// <summary>A finding of a past run, as the comparison needs it.</summary>
    public sealed record HistoryFinding(string Fingerprint, string RuleId, string Severity, string Outcome, string Policy, string Message, string? File, int? Line);

    public sealed record HistoryRun(long Id, string TimeUtc, string Tenant, string ToolVersion, string RuleSetVersion, string? Commit, int Open, int Suppressed, int ControlsNotMet);

    /// <summary>
    /// The audit history: one SQLite file, many runs of many tenants. The schema is versioned with
    /// <c>PRAGMA user_version</c> and migrated forward in one transaction; a file from a newer ConfigLint is refused,
    /// never downgraded. A run's outcomes are written as they arrive, in transactions of <see cref="BatchSize"/> rows
    /// (one commit per batch, not per row, and no run held in memory or in one huge transaction); the run row says
    /// <c>complete = 0</c> until <see cref="Complete"/>, so readers never see a half run, and a run that does not
    /// complete is deleted when the store is disposed.
    /// </summary>
    public sealed class HistoryStore : IDisposable, IOutcomeRecorder
    {
        public const int SchemaVersion = 1;

        /// <summary>Outcome rows per transaction.</summary>
        public const int BatchSize = 8192;

        /// <summary>Migrations by the version they lead to; index 0 creates version 1.</summary>
        private static readonly string[] Migrations =
        {
            @"CREATE TABLE runs (id INTEGER PRIMARY KEY, time_utc TEXT NOT NULL, tenant TEXT NOT NULL, tool_version TEXT NOT NULL,
                ruleset_version TEXT NOT NULL, git_commit TEXT, inputs TEXT NOT NULL, open_findings INTEGER NOT NULL DEFAULT 0,
                suppressed_findings INTEGER NOT NULL DEFAULT 0, controls_not_met INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0);
              CREATE INDEX runs_tenant ON runs (tenant, id);
              CREATE TABLE resources (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id), type TEXT, graph_id TEXT,
                display_name TEXT, file TEXT, line INTEGER);
              CREATE TABLE outcomes (run_id INTEGER NOT NULL REFERENCES runs(id), resource_id INTEGER NOT NULL REFERENCES resources(id),
                rule_id TEXT NOT NULL, outcome TEXT NOT NULL, fingerprint TEXT NOT NULL, severity TEXT);
              CREATE INDEX outcomes_run ON outcomes (run_id, outcome);
              CREATE TABLE findings (run_id INTEGER NOT NULL REFERENCES runs(id), fingerprint TEXT NOT NULL, rule_id TEXT NOT NULL,
                severity TEXT NOT NULL, outcome TEXT NOT NULL, policy TEXT NOT NULL, message TEXT NOT NULL, file TEXT, line INTEGER);
              CREATE INDEX findings_run ON findings (run_id);
              CREATE TABLE suppressions (run_id INTEGER NOT NULL REFERENCES runs(id), rule_id TEXT NOT NULL, target TEXT NOT NULL,
                justification TEXT NOT NULL, owner TEXT NOT NULL, expires TEXT, matched INTEGER NOT NULL);",
        };

        private readonly SqliteConnection _connection;
        private SqliteTransaction? _transaction;
        private SqliteCommand? _insertResource;
        private SqliteCommand? _insertOutcome;
        private long _runId;
        private int _pending;
        private bool _completed;

        private HistoryStore(string path, SqliteConnection connection)
        {
            Path = path;
            _connection = connection;
        }

        public string Path { get; }

        /// <summary>Opens (creating and migrating when needed) the history at <paramref name="path"/>.</summary>
        public static HistoryStore Open(string path, bool create = true)
        {
            if (!create && !File.Exists(path)) throw new HistoryException($"history file {path} does not exist");
            if (create)
            {
                // `--history audits/tenant.db` in a fresh checkout: make the folder, as --output-dir does, rather than
                // let SQLite fail with "unable to open database file".
                var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
                try
                {
                    if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new HistoryException($"history file {path}: cannot create its folder {folder}: {ex.Message}", ex);
                }
            }
            // Pooling off: the file is closed when the store is, so another process (or a test) may move or lock it.
            var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 3, Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite };
            var connection = new SqliteConnection(builder.ToString());
            var store = new HistoryStore(path, connection);
            try
            {
                connection.Open();
                store.Migrate();
                return store;
            }
            catch (SqliteException ex)
            {
                connection.Dispose();
                throw Describe(path, ex);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>A clear sentence for what SQLite said, naming the file.</summary>
        public static HistoryException Describe(string path, SqliteException ex) => ex.SqliteErrorCode switch
        {
            26 => new HistoryException($"history file {path} is not a ConfigLint history database (corrupt or another kind of file: {ex.Message}); move it away or pass another --history file", ex),
            11 => new HistoryException($"history file {path} is corrupt ({ex.Message}); restore it from a backup or pass another --history file", ex),
            5 or 6 => new HistoryException($"history file {path} is locked by another process ({ex.Message}); try again when the other audit has finished", ex),
            _ => new HistoryException($"history file {path} cannot be used: {ex.Message}", ex),
        };

        private void Migrate()
        {
            long version = Scalar<long>("PRAGMA user_version");
            if (version > SchemaVersion)
            {
                throw new HistoryException($"history file {Path} has schema version {version}, written by a newer ConfigLint; this version reads up to {SchemaVersion}. Upgrade ConfigLint or pass another --history file");
            }
            if (version == SchemaVersion) return;
            using var transaction = _connection.BeginTransaction();
            for (long v = version; v < SchemaVersion; v++)
            {
                Execute(Migrations[v], transaction);
            }
            Execute($"PRAGMA user_version = {SchemaVersion}", transaction);
            transaction.Commit();
        }

        /// <summary>Completed runs, oldest first; only the tenant's when <paramref name="tenant"/> is given.</summary>
        public List<HistoryRun> Runs(string? tenant, bool includeIncomplete = false)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = "SELECT id, time_utc, tenant, tool_version, ruleset_version, git_commit, open_findings, suppressed_findings, controls_not_met FROM runs WHERE "
                + (includeIncomplete ? "1 = 1" : "complete = 1") + (tenant == null ? string.Empty : " AND tenant = $tenant") + " ORDER BY id";
            if (tenant != null) command.Parameters.AddWithValue("$tenant", tenant);
            var runs = new List<HistoryRun>();
            Guard(() =>
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    runs.Add(new HistoryRun(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8)));
                }
            });
            return runs;
        }

        public HistoryRun? Run(long id, bool includeIncomplete = false) => Runs(null, includeIncomplete).Find(r => r.Id == id);

        public List<HistoryFinding> Findings(long runId)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = "SELECT fingerprint, rule_id, severity, outcome, policy, message, file, line FROM findings WHERE run_id = $run ORDER BY rowid";
            command.Parameters.AddWithValue("$run", runId);
            var findings = new List<HistoryFinding>();
            Guard(() =>
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    findings.Add(new HistoryFinding(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt32(7)));
                }
            });
            return findings;
        }

        public List<AcceptedRisk> Suppressions(long runId)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = "SELECT rule_id, target, justification, owner, expires, matched FROM suppressions WHERE run_id = $run ORDER BY rowid";
            command.Parameters.AddWithValue("$run", runId);
            var list = new List<AcceptedRisk>();
            Guard(() =>
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    list.Add(new AcceptedRisk { RuleId = reader.GetString(0), Target = reader.GetString(1), Justification = reader.GetString(2), Owner = reader.GetString(3), Expires = reader.IsDBNull(4) ? null : reader.GetString(4), Matched = reader.GetInt32(5) });
                }
            });
            return list;
        }

        /// <summary>Starts recording a run: its row (not yet complete) is committed, and the outcomes follow in batches.</summary>
        public long BeginRun(AuditRunInfo run)
        {
            Guard(() =>
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "INSERT INTO runs (time_utc, tenant, tool_version, ruleset_version, git_commit, inputs) VALUES ($time, $tenant, $tool, $ruleset, $commit, $inputs); SELECT last_insert_rowid();";
                command.Parameters.AddWithValue("$time", run.TimeUtc);
                command.Parameters.AddWithValue("$tenant", run.Tenant);
                command.Parameters.AddWithValue("$tool", run.ToolVersion);
                command.Parameters.AddWithValue("$ruleset", run.RuleSetVersion);
                command.Parameters.AddWithValue("$commit", (object?)run.Commit ?? DBNull.Value);
                command.Parameters.AddWithValue("$inputs", string.Join("\n", run.Inputs));
                _runId = (long)command.ExecuteScalar()!;

                _insertResource = Prepare("INSERT INTO resources (run_id, type, graph_id, display_name, file, line) VALUES ($run, $p0, $p1, $p2, $p3, $p4); SELECT last_insert_rowid();", 5);
                _insertOutcome = Prepare("INSERT INTO outcomes (run_id, resource_id, rule_id, outcome, fingerprint, severity) VALUES ($run, $p0, $p1, $p2, $p3, $p4)", 5);
            });
            return _runId;
        }

        /// <summary>How many transactions the run's outcomes were committed in (for the tests of batching).</summary>
        public int Batches { get; private set; }

        public void Record(ResourceIdentity resource, IReadOnlyList<OutcomeRecord> outcomes)
        {
            if (outcomes.Count == 0) return;
            Guard(() =>
            {
                if (_transaction == null) Begin();
                long resourceId = (long)Exec(_insertResource!, true, resource.Type, resource.GraphId, resource.DisplayName, resource.File, resource.Line)!;
                foreach (var outcome in outcomes)
                {
                    Exec(_insertOutcome!, false, resourceId, outcome.RuleId, outcome.Outcome.ToName(), outcome.Fingerprint, outcome.Severity);
                }
                _pending += outcomes.Count + 1;
                if (_pending >= BatchSize) CommitBatch();
            });
        }

        /// <summary>Copies the run's findings from the spool, in report order, so that later runs and <c>diff</c> compare with them.</summary>
        public void AddFindings(FindingSpool spool)
        {
            spool.Seal();
            Guard(() =>
            {
                CommitBatch();
                // ATTACH is not allowed inside a transaction; the copy itself is one transaction.
                using var attach = _connection.CreateCommand();
                attach.CommandText = "ATTACH DATABASE $path AS spool";
                attach.Parameters.AddWithValue("$path", spool.Path);
                attach.ExecuteNonQuery();
                try
                {
                    Begin();
                    using var copy = _connection.CreateCommand();
                    copy.Transaction = _transaction;
                    copy.CommandText = "INSERT INTO findings (run_id, fingerprint, rule_id, severity, outcome, policy, message, file, line) SELECT $run, fingerprint, rule_id, severity, outcome, policy, message, file, line FROM spool.findings ORDER BY " + FindingSpool.Order;
                    copy.Parameters.AddWithValue("$run", _runId);
                    copy.ExecuteNonQuery();
                    CommitBatch();
                }
                finally
                {
                    using var detach = _connection.CreateCommand();
                    detach.CommandText = "DETACH DATABASE spool";
                    detach.ExecuteNonQuery();
                }
            });
        }

        /// <summary>
        /// What changed from run <paramref name="fromId"/> to run <paramref name="toId"/>, computed in SQL so neither run's
        /// findings are loaded: open findings compared as a multiset of fingerprints (two findings of one rule on one
        /// subject share one; the n-th of a fingerprint pairs with the n-th before), a paired finding whose severity
        /// differs is "changed in severity", and one no longer open but suppressed now is "accepted", not fixed.
        /// Suppressions that expired between the two runs' days are listed too.
        /// </summary>
        public AuditChanges Compare(long fromId, long toId, DateTime now)
        {
            var from = Run(fromId, includeIncomplete: true) ?? throw new HistoryException($"history file {Path} has no run #{fromId}");
            var changes = new AuditChanges { PreviousRunId = from.Id, PreviousTimeUtc = from.TimeUtc };
            const string Numbered = "SELECT rowid AS r, fingerprint, rule_id, severity, policy, message, file, line, ROW_NUMBER() OVER (PARTITION BY fingerprint ORDER BY rowid) AS n FROM findings WHERE run_id = {0} AND outcome = 'fail'";
            string with = "WITH a AS (" + string.Format(CultureInfo.InvariantCulture, Numbered, "$from") + "), b AS (" + string.Format(CultureInfo.InvariantCulture, Numbered, "$to") + ") ";
            void Query(string sql, Action<SqliteDataReader> row)
            {
                using var command = _connection.CreateCommand();
                command.Transaction = _transaction;
                command.CommandText = with + sql;
                command.Parameters.AddWithValue("$from", fromId);
                command.Parameters.AddWithValue("$to", toId);
                Guard(() =>
                {
                    using var reader = command.ExecuteReader();
                    while (reader.Read()) row(reader);
                });
            }
            ChangedFinding Changed(SqliteDataReader r, string? previousSeverity) => new ChangedFinding
            {
                Fingerprint = r.GetString(0), RuleId = r.GetString(1), Severity = r.GetString(2), PreviousSeverity = previousSeverity, Policy = r.GetString(3), Message = r.GetString(4),
                File = r.IsDBNull(5) ? null : r.GetString(5), Line = r.IsDBNull(6) ? null : r.GetInt32(6),
            };
            Query("SELECT b.fingerprint, b.rule_id, b.severity, b.policy, b.message, b.file, b.line FROM b LEFT JOIN a ON a.fingerprint = b.fingerprint AND a.n = b.n WHERE a.r IS NULL ORDER BY b.r", r => changes.New.Add(Changed(r, null)));
            // A finding open before and gone now is fixed, unless it is still there as an accepted risk: then it was accepted.
            const string Gone = "SELECT a.fingerprint, a.rule_id, a.severity, a.policy, a.message, a.file, a.line FROM a LEFT JOIN b ON a.fingerprint = b.fingerprint AND a.n = b.n WHERE b.r IS NULL AND ";
            const string StillThere = "EXISTS (SELECT 1 FROM findings s WHERE s.run_id = $to AND s.outcome = 'suppressed' AND s.fingerprint = a.fingerprint)";
            Query(Gone + "NOT " + StillThere + " ORDER BY a.r", r => changes.Fixed.Add(Changed(r, null)));
            Query(Gone + StillThere + " ORDER BY a.r", r => changes.Accepted.Add(Changed(r, null)));
            Query("SELECT b.fingerprint, b.rule_id, b.severity, b.policy, b.message, b.file, b.line, a.severity FROM b JOIN a ON a.fingerprint = b.fingerprint AND a.n = b.n ORDER BY b.r", r =>
            {
                string before = r.GetString(7);
                if (before != r.GetString(2)) changes.SeverityChanged.Add(Changed(r, before));
                else changes.Unchanged++;
            });
            string today = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string then = from.TimeUtc.Length >= 10 ? from.TimeUtc.Substring(0, 10) : from.TimeUtc;
            changes.ExpiredSuppressions.AddRange(Suppressions(fromId).FindAll(s => s.Expires != null && string.CompareOrdinal(s.Expires, then) >= 0 && string.CompareOrdinal(s.Expires, today) < 0));
            return changes;
        }

        /// <summary>Writes the run's suppressions and counts and marks the run complete (its findings came by <see cref="AddFindings"/>).</summary>
        public void Complete(AuditResult result)
        {
            Guard(() =>
            {
                if (_transaction == null) Begin();
                using (var suppression = Prepare("INSERT INTO suppressions (run_id, rule_id, target, justification, owner, expires, matched) VALUES ($run, $p0, $p1, $p2, $p3, $p4, $p5)", 6))
                {
                    foreach (var s in result.AcceptedRisks) Exec(suppression, false, s.RuleId, s.Target, s.Justification, s.Owner, s.Expires, s.Matched ?? 0);
                }
                using var command = _connection.CreateCommand();
                command.Transaction = _transaction;
                command.CommandText = "UPDATE runs SET open_findings = $open, suppressed_findings = $suppressed, controls_not_met = $notMet, complete = 1 WHERE id = $run";
                command.Parameters.AddWithValue("$open", result.Counts.OpenFindings);
                command.Parameters.AddWithValue("$suppressed", result.Counts.SuppressedFindings);
                command.Parameters.AddWithValue("$notMet", result.Controls.FindAll(c => c.Status == ControlStatus.NotMet).Count);
                command.Parameters.AddWithValue("$run", _runId);
                command.ExecuteNonQuery();
                CommitBatch();
                _completed = true;
            });
        }

        private void Begin()
        {
            _transaction = _connection.BeginTransaction();
            if (_insertResource != null) _insertResource.Transaction = _transaction;
            if (_insertOutcome != null) _insertOutcome.Transaction = _transaction;
        }

        private void CommitBatch()
        {
            if (_transaction == null) return;
            _transaction.Commit();
            _transaction.Dispose();
            _transaction = null;
            _pending = 0;
            Batches++;
        }

        private SqliteCommand Prepare(string sql, int parameters)
        {
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$run", _runId);
            for (int i = 0; i < parameters; i++) command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
            command.Prepare();
            return command;
        }

        private static object? Exec(SqliteCommand command, bool scalar, params object?[] values)
        {
            for (int i = 0; i < values.Length; i++) command.Parameters[i + 1].Value = values[i] ?? DBNull.Value;
            return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
        }

        private T Scalar<T>(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
        }

        private void Execute(string sql, SqliteTransaction transaction)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private void Guard(Action action)
        {
            try
            {
                action();
            }
            catch (SqliteException ex)
            {
                throw Describe(Path, ex);
            }
        }

        public void Dispose()
        {
            _insertResource?.Dispose();
            _insertOutcome?.Dispose();
            try
            {
                _transaction?.Dispose();
                // A run that did not complete is removed: its committed batches would otherwise stay as a half run.
                if (_runId != 0 && !_completed)
                {
                    using var transaction = _connection.BeginTransaction();
                    foreach (var table in new[] { "outcomes", "resources", "findings", "suppressions" }) Execute($"DELETE FROM {table} WHERE run_id = {_runId}", transaction);
                    Execute($"DELETE FROM runs WHERE id = {_runId}", transaction);
                    transaction.Commit();
                }
            }
            catch (SqliteException)
            {
                // A broken or locked file: the run row stays with complete = 0, which no reader shows.
            }
            _connection.Dispose();
        }
    }
}
