using System.Text.Json;
using ChatKit.Json;
using ChatKit.Stores;
using Microsoft.Data.Sqlite;

namespace ChatKit.Sqlite;

/// <summary>
/// A persistent <see cref="IStore{TContext}"/> in one SQLite file: the embedded default for single-host apps.
/// </summary>
/// <remarks>
/// <para>Threads, items and attachments are stored as their JSON (<see cref="ChatKitJson.Storage"/>) next to indexed
/// columns (user, thread, created_at, insertion sequence, id). Lists use keyset paging on (created_at, seq), so a
/// page costs the same on the first or the 10,000th page. Every statement is parameterized.</para>
/// <para>Data is scoped per user (the user selector, by default <see cref="IUserContext.UserId"/>): another user's
/// thread or attachment is reported as not found, and the same thread id may exist for two users independently.</para>
/// <para>Thread-safe: each operation uses its own pooled connection; the database runs in WAL mode so readers never
/// wait for writers; writes of one store are queued in-process and wait up to <see cref="SqliteStoreOptions.BusyTimeout"/>
/// for writers in other processes. The schema is created or migrated when the store is constructed.</para>
/// </remarks>
/// <typeparam name="TContext">The per-request context.</typeparam>
public sealed class SqliteStore<TContext> : IStore<TContext>, IThreadItemJsonSource<TContext>, IStoreWriteGroups<TContext>, IStoreProbe, IDisposable
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    private readonly string _connectionString;
    private readonly string _probeConnectionString;
    private readonly Func<TContext, string> _userOf;
    private readonly Lock _writeQueueGate = new();
    private List<QueuedWrite> _writeQueue = [];
    private bool _writing;
    private readonly string _synchronous;
    private readonly int _walCheckpointPages;
    private readonly string _writerConnectionString;

    // The writer connection: used only by the committer (the one holding _writing), opened on the first commit and
    // again after a failed one.
    private SqliteWriteSession? _writer;
    private readonly SqliteReaderPool _readers;
    private bool _disposed;

    static SqliteStore() => SqliteInitialization.EnsureInitialized();

    /// <summary>Opens (creating or migrating) the database at <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The database file.</param>
    /// <param name="userSelector">Extracts the user that scopes data; defaults to <see cref="UserScope.Default{TContext}"/>.</param>
    public SqliteStore(string filePath, Func<TContext, string>? userSelector = null)
        : this(new SqliteStoreOptions { FilePath = filePath }, userSelector)
    {
    }

    /// <summary>Opens (creating or migrating) the database described by <paramref name="options"/>.</summary>
    /// <param name="options">The file and tuning options.</param>
    /// <param name="userSelector">Extracts the user that scopes data; defaults to <see cref="UserScope.Default{TContext}"/>.</param>
    public SqliteStore(SqliteStoreOptions options, Func<TContext, string>? userSelector = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FilePath, nameof(options.FilePath));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WalCheckpointPages, SqliteStoreOptions.MinWalCheckpointPages, nameof(options.WalCheckpointPages));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.WalCheckpointPages, SqliteStoreOptions.MaxWalCheckpointPages, nameof(options.WalCheckpointPages));
        _userOf = userSelector ?? UserScope.Default<TContext>();

        var fullPath = Path.GetFullPath(options.FilePath);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        FilePath = fullPath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();

        // The probe opens the file afresh, read-only (a missing file is an error, not a new database) and unpooled,
        // so it sees what a restart would see rather than a pooled connection's cache.
        _probeConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        SqliteSchema.Migrate(connection);
        _synchronous = options.RelaxedDurability ? "NORMAL" : "FULL";
        _walCheckpointPages = options.WalCheckpointPages;

        // Unpooled, so disposing it really closes the file.
        _writerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        _readers = new SqliteReaderPool(_connectionString, capacity: Math.Max(16, 4 * Environment.ProcessorCount));
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The schema version of the open database.</summary>
    public int SchemaVersion
    {
        get
        {
            using var connection = Open();
            return SqliteSchema.CurrentVersion(connection);
        }
    }

    // ------------------------------------------------------------------ threads

    /// <summary>A new thread id that sorts by creation time (<see cref="IdGenerator.NewTimeOrdered(StoreItemKind)"/>).</summary>
    /// <remarks>
    /// Both tables are indexed by (user, thread id, …): with random ids every new thread and its items went to a random
    /// leaf page of three indexes, one log frame each per commit; time-ordered ids append to their tails.
    /// </remarks>
    public string GenerateThreadId(TContext context) => IdGenerator.NewTimeOrdered(StoreItemKind.Thread);

    /// <inheritdoc />
    public ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var session = Read();
        var command = session.Command("SELECT json FROM threads WHERE user_id = $user AND id = $id");
        command.Parameters.AddWithValue("$user", _userOf(context));
        command.Parameters.AddWithValue("$id", threadId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ValueTask.FromResult(ReadThread(reader.GetFieldValue<byte[]>(0))) : throw ThreadNotFound(threadId);
    }

    /// <inheritdoc />
    public async ValueTask SaveThreadAsync(ThreadMetadata thread, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var json = JsonSerializer.Serialize(thread, ChatKitJson.Storage.ThreadMetadata);
        var user = _userOf(context);
        await WriteAsync(session => WriteThread(session, user, thread, json), cancellationToken).ConfigureAwait(false);
    }

    private static int WriteThread(SqliteWriteSession session, string user, ThreadMetadata thread, string json)
    {
        var command = session.Command("""
            INSERT INTO threads (user_id, id, created_at, json) VALUES ($user, $id, $created_at, $json)
            ON CONFLICT (user_id, id) DO UPDATE SET created_at = excluded.created_at, json = excluded.json
            """);
        command.Parameters.AddWithValue("$user", user);
        command.Parameters.AddWithValue("$id", thread.Id);
        command.Parameters.AddWithValue("$created_at", Micros(thread.CreatedAt));
        command.Parameters.AddWithValue("$json", json);
        return command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var user = _userOf(context);
        using var session = Read();
        if (after is null)
        {
            var first = session.Command(SqlitePageQueries.For(SqlitePageQueries.Threads, hasCursor: false, order));
            first.Parameters.AddWithValue("$user", user);
            AddPageParameters(first, null, limit);
            return ValueTask.FromResult(ReadPage(first, limit, static reader => ReadThread(reader.GetFieldValue<byte[]>(0)), static t => t.Id));
        }

        using var transaction = session.Connection.BeginTransaction(deferred: true);
        (long CreatedAt, long Seq) cursor;
        {
            var find = session.Command("SELECT created_at, seq FROM threads WHERE user_id = $user AND id = $id", transaction);
            find.Parameters.AddWithValue("$user", user);
            find.Parameters.AddWithValue("$id", after);
            using var reader = find.ExecuteReader();
            cursor = reader.Read()
                ? (reader.GetInt64(0), reader.GetInt64(1))
                : throw new ChatKitBadRequestException($"Cursor '{after}' is not a thread of this list.");
        }

        var page = session.Command(SqlitePageQueries.For(SqlitePageQueries.Threads, hasCursor: true, order), transaction);
        page.Parameters.AddWithValue("$user", user);
        AddPageParameters(page, cursor, limit);
        return ValueTask.FromResult(ReadPage(page, limit, static reader => ReadThread(reader.GetFieldValue<byte[]>(0)), static t => t.Id));
    }

    /// <inheritdoc />
    public async ValueTask DeleteThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default)
    {
        var deleted = await WriteAsync(session =>
        {
            var command = session.Command("DELETE FROM threads WHERE user_id = $user AND id = $id");
            command.Parameters.AddWithValue("$user", _userOf(context));
            command.Parameters.AddWithValue("$id", threadId);
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
        if (deleted == 0)
        {
            throw ThreadNotFound(threadId);
        }
    }

    // ------------------------------------------------------------------ items

    /// <inheritdoc />
    public ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReadItemPage(threadId, after, limit, order, context, static reader => ChatKitJson.DeserializeStoredItem(reader.GetFieldValue<byte[]>(1)), static i => i.Id, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Page<StoredItemJson>> LoadThreadItemsJsonAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReadItemPage(threadId, after, limit, order, context, static reader => new StoredItemJson(
            reader.GetString(0),
            reader.GetFieldValue<byte[]>(1),
            reader.GetInt64(2) != 0,
            StoredItemType.IsHidden(reader.GetString(3))), static i => i.Id, cancellationToken));

    private Page<T> ReadItemPage<T>(
        string threadId, string? after, int limit, SortOrder order, TContext context, Func<SqliteDataReader, T> read, Func<T, string> idOf, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var user = _userOf(context);
        using var session = Read();
        if (after is null)
        {
            // The first page, by far the most common, is one statement; only an empty page needs to tell "no
            // items" from "no such thread".
            var first = session.Command(SqlitePageQueries.For(SqlitePageQueries.Items, hasCursor: false, order));
            first.Parameters.AddWithValue("$user", user);
            first.Parameters.AddWithValue("$thread", threadId);
            AddPageParameters(first, null, limit);
            var page = ReadPage(first, limit, read, idOf);
            return page.Data.Count > 0 || ThreadExists(session, user, threadId) ? page : throw ThreadNotFound(threadId);
        }

        // A cursor: one lookup answers both "does the thread exist" and "where is the cursor"; the transaction makes
        // the page consistent with it.
        using var transaction = session.Connection.BeginTransaction(deferred: true);
        {
            var find = session.Command("""
                SELECT i.created_at, i.seq FROM threads t
                LEFT JOIN items i ON i.user_id = t.user_id AND i.thread_id = t.id AND i.id = $after
                WHERE t.user_id = $user AND t.id = $thread
                """, transaction);
            find.Parameters.AddWithValue("$user", user);
            find.Parameters.AddWithValue("$thread", threadId);
            find.Parameters.AddWithValue("$after", after);
            using var reader = find.ExecuteReader();
            if (!reader.Read())
            {
                throw ThreadNotFound(threadId);
            }

            var cursor = reader.IsDBNull(1)
                ? throw new ChatKitBadRequestException($"Cursor '{after}' is not an item of this list.")
                : (reader.GetInt64(0), reader.GetInt64(1));
            reader.Close();
            var page = session.Command(SqlitePageQueries.For(SqlitePageQueries.Items, hasCursor: true, order), transaction);
            page.Parameters.AddWithValue("$user", user);
            page.Parameters.AddWithValue("$thread", threadId);
            AddPageParameters(page, cursor, limit);
            return ReadPage(page, limit, read, idOf);
        }
    }

    private static bool ThreadExists(SqliteReadSession session, string user, string threadId)
    {
        var exists = session.Command("SELECT 1 FROM threads WHERE user_id = $user AND id = $thread");
        exists.Parameters.AddWithValue("$user", user);
        exists.Parameters.AddWithValue("$thread", threadId);
        return exists.ExecuteScalar() is not null;
    }

    /// <inheritdoc />
    public ValueTask AddThreadItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default) =>
        SaveItemAsync(threadId, item, context, cancellationToken);

    /// <inheritdoc />
    public async ValueTask SaveItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var json = ChatKitJson.SerializeItemForStorage(item);
        var user = _userOf(context);
        var written = await WriteAsync(session => WriteItem(session, user, threadId, item, json), cancellationToken).ConfigureAwait(false);
        if (written == 0)
        {
            throw ThreadNotFound(threadId);
        }
    }

    private static int WriteItem(SqliteWriteSession session, string user, string threadId, ThreadItem item, string json)
    {
        // Inserts only into an existing thread of this user; an existing id keeps its seq (its position).
        var command = session.Command("""
            INSERT INTO items (user_id, thread_id, id, created_at, type, json, client_json)
            SELECT $user, $thread, $id, $created_at, $type, $json, $client_json
            WHERE EXISTS (SELECT 1 FROM threads WHERE user_id = $user AND id = $thread)
            ON CONFLICT (user_id, thread_id, id) DO UPDATE SET
                created_at = excluded.created_at, type = excluded.type, json = excluded.json, client_json = excluded.client_json
            """);
        command.Parameters.AddWithValue("$user", user);
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$id", item.Id);
        command.Parameters.AddWithValue("$created_at", Micros(item.CreatedAt));
        command.Parameters.AddWithValue("$type", StoredItemType.Of(item));
        command.Parameters.AddWithValue("$json", json);
        command.Parameters.AddWithValue("$client_json", ChatKitJson.IsClientJson(item) ? 1 : 0);
        return command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default)
    {
        using var session = Read();
        var command = session.Command("SELECT json FROM items WHERE user_id = $user AND thread_id = $thread AND id = $id");
        command.Parameters.AddWithValue("$user", _userOf(context));
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$id", itemId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? ChatKitJson.DeserializeStoredItem(json)
            : throw new ChatKitNotFoundException($"Item '{itemId}' not found in thread '{threadId}'.");
    }

    /// <inheritdoc />
    public async ValueTask DeleteThreadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default)
    {
        var user = _userOf(context);
        var threadExists = await WriteAsync(session =>
        {
            var delete = session.Command("DELETE FROM items WHERE user_id = $user AND thread_id = $thread AND id = $id");
            delete.Parameters.AddWithValue("$user", user);
            delete.Parameters.AddWithValue("$thread", threadId);
            delete.Parameters.AddWithValue("$id", itemId);
            if (delete.ExecuteNonQuery() > 0)
            {
                return 1;
            }

            var exists = session.Command("SELECT COUNT(*) FROM threads WHERE user_id = $user AND id = $thread");
            exists.Parameters.AddWithValue("$user", user);
            exists.Parameters.AddWithValue("$thread", threadId);
            return Convert.ToInt32(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken).ConfigureAwait(false);
        if (threadExists == 0)
        {
            throw ThreadNotFound(threadId);
        }
    }

    // ------------------------------------------------------------------ attachments

    /// <inheritdoc />
    public async ValueTask SaveAttachmentAsync(Attachment attachment, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var json = JsonSerializer.Serialize(attachment, ChatKitJson.Storage.Attachment);
        var user = _userOf(context);
        await WriteAsync(session => WriteAttachment(session, user, attachment, json), cancellationToken).ConfigureAwait(false);
    }

    private static int WriteAttachment(SqliteWriteSession session, string user, Attachment attachment, string json)
    {
        var command = session.Command("""
            INSERT INTO attachments (user_id, id, json) VALUES ($user, $id, $json)
            ON CONFLICT (user_id, id) DO UPDATE SET json = excluded.json
            """);
        command.Parameters.AddWithValue("$user", user);
        command.Parameters.AddWithValue("$id", attachment.Id);
        command.Parameters.AddWithValue("$json", json);
        return command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        using var session = Read();
        var command = session.Command("SELECT json FROM attachments WHERE user_id = $user AND id = $id");
        command.Parameters.AddWithValue("$user", _userOf(context));
        command.Parameters.AddWithValue("$id", attachmentId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize(json, ChatKitJson.Storage.Attachment) ?? throw new JsonException("Stored attachment is JSON null.")
            : throw new ChatKitNotFoundException($"Attachment '{attachmentId}' not found.");
    }

    /// <inheritdoc />
    public async ValueTask DeleteAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        await WriteAsync(session =>
        {
            var command = session.Command("DELETE FROM attachments WHERE user_id = $user AND id = $id");
            command.Parameters.AddWithValue("$user", _userOf(context));
            command.Parameters.AddWithValue("$id", attachmentId);
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ groups

    /// <summary>Applies the writes in one transaction: one commit (and one sync to disk) for the group.</summary>
    public async ValueTask WriteGroupAsync(IReadOnlyList<StoreWrite> writes, TContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var user = _userOf(context);

        // Serialized before the write lock is taken, so the lock is held only for the statements.
        var json = new string[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            json[i] = writes[i] switch
            {
                StoreWrite.SaveThread w => JsonSerializer.Serialize(w.Thread ?? throw new ArgumentException("A write has no thread.", nameof(writes)), ChatKitJson.Storage.ThreadMetadata),
                StoreWrite.AddItem w => ChatKitJson.SerializeItemForStorage(w.Item ?? throw new ArgumentException("A write has no item.", nameof(writes))),
                StoreWrite.SaveAttachment w => JsonSerializer.Serialize(w.Attachment ?? throw new ArgumentException("A write has no attachment.", nameof(writes)), ChatKitJson.Storage.Attachment),
                _ => throw new ArgumentException($"Unknown write {writes[i]?.GetType().Name ?? "null"}.", nameof(writes)),
            };
        }

        // Runs inside the shared commit's savepoint (see WriteAsync): a failure rolls back every write of the group.
        await WriteAsync(session =>
        {
            for (var i = 0; i < writes.Count; i++)
            {
                switch (writes[i])
                {
                    case StoreWrite.SaveThread w:
                        WriteThread(session, user, w.Thread, json[i]);
                        break;
                    case StoreWrite.AddItem w:
                        if (WriteItem(session, user, w.ThreadId, w.Item, json[i]) == 0)
                        {
                            throw ThreadNotFound(w.ThreadId);
                        }

                        break;
                    case StoreWrite.SaveAttachment w:
                        WriteAttachment(session, user, w.Attachment, json[i]);
                        break;
                }
            }

            return writes.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ bulk loading

    /// <summary>
    /// Writes many threads and items in one transaction (imports, benchmarks). Items must belong to threads that
    /// exist or are part of <paramref name="threads"/>; existing ids are replaced in place.
    /// </summary>
    public async ValueTask ImportAsync(IEnumerable<ThreadMetadata> threads, IEnumerable<ThreadItem> items, TContext context, CancellationToken cancellationToken = default)
    {
        var user = _userOf(context);
        await WriteAsync(exclusive: true, session =>
        {
            var connection = session.Connection;
            using var transaction = connection.BeginTransaction(deferred: false);
            using var threadCommand = Command(connection, """
                INSERT INTO threads (user_id, id, created_at, json) VALUES ($user, $id, $created_at, $json)
                ON CONFLICT (user_id, id) DO UPDATE SET created_at = excluded.created_at, json = excluded.json
                """, transaction);
            var tUser = threadCommand.Parameters.Add("$user", SqliteType.Text);
            var tId = threadCommand.Parameters.Add("$id", SqliteType.Text);
            var tCreated = threadCommand.Parameters.Add("$created_at", SqliteType.Integer);
            var tJson = threadCommand.Parameters.Add("$json", SqliteType.Text);
            threadCommand.Prepare();
            foreach (var thread in threads)
            {
                cancellationToken.ThrowIfCancellationRequested();
                tUser.Value = user;
                tId.Value = thread.Id;
                tCreated.Value = Micros(thread.CreatedAt);
                tJson.Value = JsonSerializer.Serialize(thread, ChatKitJson.Storage.ThreadMetadata);
                threadCommand.ExecuteNonQuery();
            }

            using var itemCommand = Command(connection, """
                INSERT INTO items (user_id, thread_id, id, created_at, type, json, client_json)
                VALUES ($user, $thread, $id, $created_at, $type, $json, $client_json)
                ON CONFLICT (user_id, thread_id, id) DO UPDATE SET
                    created_at = excluded.created_at, type = excluded.type, json = excluded.json, client_json = excluded.client_json
                """, transaction);
            var iUser = itemCommand.Parameters.Add("$user", SqliteType.Text);
            var iThread = itemCommand.Parameters.Add("$thread", SqliteType.Text);
            var iId = itemCommand.Parameters.Add("$id", SqliteType.Text);
            var iCreated = itemCommand.Parameters.Add("$created_at", SqliteType.Integer);
            var iType = itemCommand.Parameters.Add("$type", SqliteType.Text);
            var iJson = itemCommand.Parameters.Add("$json", SqliteType.Text);
            var iClientJson = itemCommand.Parameters.Add("$client_json", SqliteType.Integer);
            itemCommand.Prepare();
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var json = ChatKitJson.SerializeItemForStorage(item);
                iUser.Value = user;
                iThread.Value = item.ThreadId;
                iId.Value = item.Id;
                iCreated.Value = Micros(item.CreatedAt);
                iType.Value = StoredItemType.Of(item);
                iJson.Value = json;
                iClientJson.Value = ChatKitJson.IsClientJson(item) ? 1 : 0;
                itemCommand.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the file read-only and reads the threads table; throws when the database is gone or unreadable.</summary>
    public Task ProbeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = new SqliteConnection(_probeConnectionString);
        connection.Open();
        using var command = Command(connection, "SELECT count(*) FROM (SELECT 1 FROM threads LIMIT 1)");
        command.ExecuteScalar();
        return Task.CompletedTask;
    }

    /// <summary>Releases the pooled connections of this database (the file can be moved or deleted afterwards).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        lock (_writeQueueGate)
        {
            _disposed = true;

            // A commit under way closes the writer when it ends (CommitQueued).
            if (!_writing)
            {
                CloseWriter();
            }
        }

        _readers.Dispose();
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

    }

    // ------------------------------------------------------------------ helpers

    internal static long Micros(DateTimeOffset value) => (value.UtcTicks - EpochTicks) / 10;

    private SqliteReadSession Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _readers.Rent();
    }

    private SqliteConnection Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private ValueTask<int> WriteAsync(Func<SqliteWriteSession, int> write, CancellationToken cancellationToken) =>
        WriteAsync(exclusive: false, write, cancellationToken);

    // Group commit: writes are queued, and whoever finds no commit running becomes the writer and commits everything
    // queued so far in one transaction, each write in its own savepoint (so one write's failure rolls back only that
    // write, and a group stays atomic). Under load, concurrent turns share one commit (one sync to disk) instead of
    // waiting for one each; alone, a write commits at once as before. A caller's task completes only after the
    // commit that holds its write, so nothing is reported stored before it is durable.
    private async ValueTask<int> WriteAsync(bool exclusive, Func<SqliteWriteSession, int> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var queued = new QueuedWrite(write, exclusive);
        bool lead;
        lock (_writeQueueGate)
        {
            _writeQueue.Add(queued);
            lead = !_writing;
            _writing = true;
        }

        if (lead)
        {
            CommitQueued(until: queued);
        }

        // Once queued a write is committed or failed, never abandoned: cancelling here could report "not stored"
        // for a write that is then stored.
        return await queued.Done.Task.ConfigureAwait(false);
    }

    // Commits batches until the caller's own write is done; if more writes queued up meanwhile, hands the writer role
    // to the thread pool rather than keeping this caller's request waiting on other requests' writes.
    private void CommitQueued(QueuedWrite until)
    {
        while (true)
        {
            List<QueuedWrite> batch;
            lock (_writeQueueGate)
            {
                if (_writeQueue.Count == 0)
                {
                    _writing = false;
                    if (_disposed)
                    {
                        CloseWriter();
                    }

                    return;
                }

                if (until.Done.Task.IsCompleted)
                {
                    _ = Task.Run(() => CommitQueued(until: new QueuedWrite(static _ => 0, false)));
                    return;
                }

                // An exclusive write (it runs its own transaction) goes alone.
                var take = _writeQueue[0].Exclusive ? 1 : _writeQueue.TakeWhile(w => !w.Exclusive).Count();
                batch = _writeQueue.GetRange(0, take);
                _writeQueue.RemoveRange(0, take);
            }

            Commit(batch);
        }
    }

    private void Commit(List<QueuedWrite> batch)
    {
        var session = _writer;
        try
        {
            session = _writer ??= new SqliteWriteSession(_writerConnectionString, _synchronous, _walCheckpointPages);
            if (batch is [{ Exclusive: true } alone])
            {
                alone.Result = alone.Write(session);
                alone.Succeeded = true;
            }
            else
            {
                // Plain statements rather than SqliteTransaction: the writes' own commands carry no transaction.
                session.Execute("BEGIN IMMEDIATE");
                try
                {
                    foreach (var write in batch)
                    {
                        session.Execute("SAVEPOINT write");
                        try
                        {
                            write.Result = write.Write(session);
                            write.Succeeded = true;
                            session.Execute("RELEASE write");
                        }
                        catch (Exception e) when (e is not OutOfMemoryException)
                        {
                            write.Error = e;
                            session.Execute("ROLLBACK TO write");
                            session.Execute("RELEASE write");
                        }
                    }

                    session.Execute("COMMIT");
                }
                catch
                {
                    if (SQLitePCL.raw.sqlite3_get_autocommit(session.Connection.Handle) == 0)
                    {
                        session.Execute("ROLLBACK");
                    }

                    throw;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The connection may be in any state after a failed commit: the next commit opens a fresh one.
            if (session is not null && ReferenceEquals(session, _writer))
            {
                CloseWriter();
            }

            // Nothing of the batch was committed: every write fails with the reason.
            foreach (var write in batch)
            {
                write.Succeeded = false;
                write.Error ??= e;
            }
        }

        foreach (var write in batch)
        {
            if (write.Succeeded)
            {
                write.Done.TrySetResult(write.Result);
            }
            else
            {
                write.Done.TrySetException(write.Error!);
            }
        }
    }

    // For tests: the writer connection between commits (null before the first commit and after a failed one).
    internal SqliteConnection? WriterConnection => _writer?.Connection;

    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private sealed class QueuedWrite(Func<SqliteWriteSession, int> write, bool exclusive)
    {
        public Func<SqliteWriteSession, int> Write { get; } = write;

        public bool Exclusive { get; } = exclusive;

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Result { get; set; }

        public bool Succeeded { get; set; }

        public Exception? Error { get; set; }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    private static void AddPageParameters(SqliteCommand command, (long CreatedAt, long Seq)? cursor, int limit)
    {
        if (cursor is { } c)
        {
            command.Parameters.AddWithValue("$cursor_created_at", c.CreatedAt);
            command.Parameters.AddWithValue("$cursor_seq", c.Seq);
        }

        command.Parameters.AddWithValue("$take", (long)limit + 1);
    }

    private static Page<T> ReadPage<T>(SqliteCommand command, int limit, Func<SqliteDataReader, T> read, Func<T, string> idOf)
    {
        var data = new List<T>(Math.Min(limit, 256));
        var hasMore = false;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (data.Count == limit)
            {
                hasMore = true;
                break;
            }

            data.Add(read(reader));
        }

        return new Page<T> { Data = data, HasMore = hasMore, After = hasMore ? idOf(data[^1]) : null };
    }

    // Pages read the stored UTF-8 as bytes: as a string it was transcoded to UTF-16 and back for the deserializer.
    private static ThreadMetadata ReadThread(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, ChatKitJson.Storage.ThreadMetadata) ?? throw new JsonException("Stored thread is JSON null.");

    private static ChatKitNotFoundException ThreadNotFound(string threadId) => new($"Thread '{threadId}' not found.");
}

/// <summary>Initializes the bundled native SQLite library once per process.</summary>
internal static class SqliteInitialization
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    public static void EnsureInitialized() => _ = Initialized.Value;
}
