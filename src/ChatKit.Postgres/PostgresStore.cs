using System.Text.Json;
using ChatKit.Json;
using ChatKit.Stores;
using Npgsql;
using NpgsqlTypes;

namespace ChatKit.Postgres;

/// <summary>
/// A <see cref="IStore{TContext}"/> on PostgreSQL for many replicas sharing one database, plus cross-host turn
/// serialization (<see cref="IThreadLockProvider"/>) through advisory locks.
/// </summary>
/// <remarks>
/// <para>Threads, items and attachments are <c>jsonb</c> payloads (<see cref="ChatKitJson.Storage"/>) beside indexed
/// columns (user, thread, created_at, insertion sequence, id). Lists use keyset paging on (created_at, seq) — one
/// round trip per page, the same cost on any page. Every statement is parameterized. jsonb keeps JSON semantics,
/// not text: object keys may come back in another order.</para>
/// <para>Data is scoped per user (the user selector, by default <see cref="IUserContext.UserId"/>); another user's
/// thread or attachment is reported as not found. Deleting a thread cascades to its items (foreign key).</para>
/// <para>Connections come from an <see cref="NpgsqlDataSource"/> (pooled). Pending schema migrations are applied
/// before the first operation (or by <see cref="MigrateAsync"/>), under a transaction-scoped advisory lock so that
/// hosts starting together apply each migration once.</para>
/// </remarks>
/// <typeparam name="TContext">The per-request context.</typeparam>
public sealed class PostgresStore<TContext> : IStore<TContext>, IThreadItemJsonSource<TContext>, IThreadLockProvider, IRunExchangeProvider<TContext>, IStoreProbe, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly Func<TContext, string> _userOf;
    private readonly PostgresStoreOptions _options;
    private readonly string _s;
    private readonly Lock _migrationGate = new();
    private Task? _migration;

    /// <summary>Creates a store on a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">The pooled data source.</param>
    /// <param name="options">Schema and lock options; defaults when null.</param>
    /// <param name="userSelector">Extracts the user that scopes data; defaults to <see cref="UserScope.Default{TContext}"/>.</param>
    public PostgresStore(NpgsqlDataSource dataSource, PostgresStoreOptions? options = null, Func<TContext, string>? userSelector = null)
        : this(dataSource, ownsDataSource: false, options, userSelector)
    {
    }

    /// <summary>Creates a store with its own pooled data source built from <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">Schema and lock options; defaults when null.</param>
    /// <param name="userSelector">Extracts the user that scopes data; defaults to <see cref="UserScope.Default{TContext}"/>.</param>
    public PostgresStore(string connectionString, PostgresStoreOptions? options = null, Func<TContext, string>? userSelector = null)
        : this(NpgsqlDataSource.Create(connectionString), ownsDataSource: true, options, userSelector)
    {
    }

    private PostgresStore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgresStoreOptions? options, Func<TContext, string>? userSelector)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _options = options ?? new PostgresStoreOptions();
        _s = _options.ValidatedSchema();
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _userOf = userSelector ?? UserScope.Default<TContext>();
        if (!_options.ApplyMigrations)
        {
            _migration = Task.CompletedTask;
        }

        Runs = new PostgresRunExchange<TContext>(this, _options);
    }

    /// <summary>
    /// This host's view of the runs of every host on the database (docs/scale-out.md, Runs): the server publishes,
    /// follows and stops runs through it.
    /// </summary>
    public PostgresRunExchange<TContext> Runs { get; }

    IRunExchange<TContext> IRunExchangeProvider<TContext>.RunExchange => Runs;

    /// <summary>The data source the store uses.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>The schema holding the store's tables.</summary>
    public string Schema => _s;

    /// <summary>
    /// Applies pending schema migrations now (otherwise done before the first operation). Safe to call from many
    /// hosts at once; idempotent.
    /// </summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) =>
        PostgresSchema.MigrateAsync(_dataSource, _s, cancellationToken);

    /// <summary>Runs <c>SELECT 1</c> on a pooled connection; throws when the database does not answer.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The applied schema version.</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresSchema.CurrentVersionAsync(connection, null, _s, cancellationToken).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ threads

    /// <summary>A new thread id that sorts by creation time (<see cref="IdGenerator.NewTimeOrdered(StoreItemKind)"/>).</summary>
    /// <remarks>
    /// The threads and items keys start with (user, thread id): time-ordered ids append new rows to the tail of those
    /// B-trees instead of splitting and dirtying a random leaf page per thread.
    /// </remarks>
    public string GenerateThreadId(TContext context) => IdGenerator.NewTimeOrdered(StoreItemKind.Thread);

    /// <inheritdoc />
    public async ValueTask<ThreadMetadata> LoadThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command($"SELECT data, raw FROM {_s}.threads WHERE user_id = $1 AND id = $2", _userOf(context), threadId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? ReadThread(Payload(reader))
                : throw ThreadNotFound(threadId);
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    public async ValueTask SaveThreadAsync(ThreadMetadata thread, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(thread);
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            var (data, raw) = Split(JsonSerializer.Serialize(thread, ChatKitJson.Storage.ThreadMetadata));
            await using var command = Command($"""
                INSERT INTO {_s}.threads (user_id, id, created_at, data, raw) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (user_id, id) DO UPDATE SET created_at = EXCLUDED.created_at, data = EXCLUDED.data, raw = EXCLUDED.raw
                """, _userOf(context), thread.Id, Timestamp(thread.CreatedAt), Jsonb(data), Text(raw));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<Page<ThreadMetadata>> LoadThreadsAsync(int limit, string? after, SortOrder order, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            var user = _userOf(context);
            if (after is null)
            {
                await using var first = Command(ThreadsPageSql(_s, hasCursor: false, order), user, (long)limit + 1);
                return await ReadPageAsync(first, limit, ReadThread, cancellationToken).ConfigureAwait(false);
            }

            // One round trip: whether the cursor exists, and the page strictly after it.
            await using var batch = _dataSource.CreateBatch();
            batch.BatchCommands.Add(BatchCommand($"SELECT EXISTS (SELECT 1 FROM {_s}.threads WHERE user_id = $1 AND id = $2)", user, after));
            batch.BatchCommands.Add(BatchCommand(ThreadsPageSql(_s, hasCursor: true, order), user, (long)limit + 1, after));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!reader.GetBoolean(0))
            {
                throw new ChatKitBadRequestException($"Cursor '{after}' is not a thread of this list.");
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            return await ReadPageAsync(reader, limit, static r => ReadThread(Payload(r)), cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DeleteThreadAsync(string threadId, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command($"DELETE FROM {_s}.threads WHERE user_id = $1 AND id = $2", _userOf(context), threadId);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw ThreadNotFound(threadId);
            }
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    // ------------------------------------------------------------------ items

    /// <inheritdoc />
    public ValueTask<Page<ThreadItem>> LoadThreadItemsAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        LoadItemPageAsync(threadId, after, limit, order, context, static reader => ChatKitJson.DeserializeStoredItem(Payload(reader)), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The JSON is the stored text as PostgreSQL returns it: jsonb's own formatting (keys in its order, a space after
    /// separators), the same values as the serializer's. Its length is what the page byte budget counts.
    /// </remarks>
    public ValueTask<Page<StoredItemJson>> LoadThreadItemsJsonAsync(string threadId, string? after, int limit, SortOrder order, TContext context, CancellationToken cancellationToken = default) =>
        LoadItemPageAsync(threadId, after, limit, order, context, static reader => new StoredItemJson(
            reader.GetString(2),
            PayloadUtf8(reader),
            reader.GetBoolean(4),
            StoredItemType.IsHidden(reader.GetString(3))), cancellationToken);

    private async ValueTask<Page<T>> LoadItemPageAsync<T>(
        string threadId, string? after, int limit, SortOrder order, TContext context, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            var user = _userOf(context);

            // One round trip: does the thread (and the cursor) exist, and the page itself.
            await using var batch = _dataSource.CreateBatch();
            batch.BatchCommands.Add(BatchCommand($"""
                SELECT EXISTS (SELECT 1 FROM {_s}.threads WHERE user_id = $1 AND id = $2),
                       $3::text IS NULL OR EXISTS (SELECT 1 FROM {_s}.items WHERE user_id = $1 AND thread_id = $2 AND id = $3)
                """, user, threadId, Text(after)));
            batch.BatchCommands.Add(after is null
                ? BatchCommand(ItemsPageSql(_s, hasCursor: false, order), user, threadId, (long)limit + 1)
                : BatchCommand(ItemsPageSql(_s, hasCursor: true, order), user, threadId, (long)limit + 1, after));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!reader.GetBoolean(0))
            {
                throw ThreadNotFound(threadId);
            }

            if (!reader.GetBoolean(1))
            {
                throw new ChatKitBadRequestException($"Cursor '{after}' is not an item of this list.");
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            return await ReadPageAsync(reader, limit, read, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    public ValueTask AddThreadItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default) =>
        SaveItemAsync(threadId, item, context, cancellationToken);

    /// <inheritdoc />
    public async ValueTask SaveItemAsync(string threadId, ThreadItem item, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(item);
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            var (data, raw) = Split(ChatKitJson.SerializeItemForStorage(item));

            // Inserts only into an existing thread of this user; an existing id keeps its seq (its position).
            await using var command = Command($"""
                INSERT INTO {_s}.items (user_id, thread_id, id, created_at, type, data, raw, client_json)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8
                WHERE EXISTS (SELECT 1 FROM {_s}.threads WHERE user_id = $1 AND id = $2)
                ON CONFLICT (user_id, thread_id, id) DO UPDATE SET
                    created_at = EXCLUDED.created_at, type = EXCLUDED.type, data = EXCLUDED.data, raw = EXCLUDED.raw,
                    client_json = EXCLUDED.client_json
                """, _userOf(context), threadId, item.Id, Timestamp(item.CreatedAt), StoredItemType.Of(item), Jsonb(data), Text(raw), ChatKitJson.IsClientJson(item));
            int written;
            try
            {
                written = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                written = 0; // The thread was deleted concurrently.
            }

            if (written == 0)
            {
                throw ThreadNotFound(threadId);
            }
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<ThreadItem> LoadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command($"SELECT data, raw FROM {_s}.items WHERE user_id = $1 AND thread_id = $2 AND id = $3", _userOf(context), threadId, itemId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? ChatKitJson.DeserializeStoredItem(Payload(reader))
                : throw new ChatKitNotFoundException($"Item '{itemId}' not found in thread '{threadId}'.");
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DeleteThreadItemAsync(string threadId, string itemId, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command($"""
                WITH deleted AS (DELETE FROM {_s}.items WHERE user_id = $1 AND thread_id = $2 AND id = $3 RETURNING 1)
                SELECT EXISTS (SELECT 1 FROM deleted) OR EXISTS (SELECT 1 FROM {_s}.threads WHERE user_id = $1 AND id = $2)
                """, _userOf(context), threadId, itemId);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                throw ThreadNotFound(threadId);
            }
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    // ------------------------------------------------------------------ attachments

    /// <inheritdoc />
    public async ValueTask SaveAttachmentAsync(Attachment attachment, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(attachment);
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            var (data, raw) = Split(JsonSerializer.Serialize(attachment, ChatKitJson.Storage.Attachment));
            await using var command = Command($"""
                INSERT INTO {_s}.attachments (user_id, id, data, raw) VALUES ($1, $2, $3, $4)
                ON CONFLICT (user_id, id) DO UPDATE SET data = EXCLUDED.data, raw = EXCLUDED.raw
                """, _userOf(context), attachment.Id, Jsonb(data), Text(raw));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<Attachment> LoadAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command($"SELECT data, raw FROM {_s}.attachments WHERE user_id = $1 AND id = $2", _userOf(context), attachmentId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? JsonSerializer.Deserialize(Payload(reader), ChatKitJson.Storage.Attachment) ?? throw new JsonException("Stored attachment is JSON null.")
                : throw new ChatKitNotFoundException($"Attachment '{attachmentId}' not found.");
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DeleteAttachmentAsync(string attachmentId, TContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command($"DELETE FROM {_s}.attachments WHERE user_id = $1 AND id = $2", _userOf(context), attachmentId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    // ------------------------------------------------------------------ turn serialization

    /// <summary>
    /// Holds a session-level advisory lock on the thread <paramref name="threadId"/> of <paramref name="userId"/>
    /// (keyed by <c>hashtext</c> of both) on a pooled connection until the handle is disposed; the lock is shared by
    /// every host on the database.
    /// </summary>
    /// <remarks>
    /// A second turn on the same thread — on this or another host — waits for the first to finish; if that takes
    /// longer than <see cref="PostgresStoreOptions.ThreadLockTimeout"/> it gets a <see cref="ChatKitConflictException"/>
    /// (409). Waiting polls with <c>pg_try_advisory_lock</c> every <see cref="PostgresStoreOptions.ThreadLockPollInterval"/>
    /// and gives its connection back to the pool between attempts, so waiting turns never starve other requests of
    /// connections; only a held lock keeps one (one connection per running turn). If a host dies, its connection closes
    /// and PostgreSQL releases the lock. Different threads may share a 32-bit hash; they then merely wait for each other.
    /// </remarks>
    /// <exception cref="ChatKitConflictException">The lock was not acquired within the timeout.</exception>
    /// <exception cref="ChatKitServiceUnavailableException">No pooled connection became free in time (503).</exception>
    public async ValueTask<IAsyncDisposable> AcquireThreadLockAsync(string userId, string threadId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(threadId);
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{userId.Length}:{userId}{threadId}");
        var deadline = DateTimeOffset.UtcNow + _options.ThreadLockTimeout;
        while (true)
        {
            NpgsqlConnection connection;
            try
            {
                connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException e) when (IsUnavailable(e))
            {
                throw Unavailable(e);
            }

            try
            {
                await using var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, hashtext($2))", connection);
                attempt.Parameters.Add(new NpgsqlParameter { Value = PostgresSchema.ThreadLockNamespace });
                attempt.Parameters.Add(new NpgsqlParameter { Value = key });
                if (await attempt.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
                {
                    return new ThreadLock(connection, key);
                }
            }
            catch
            {
                // Cancelled or failed, possibly right after the lock was granted: release it (a no-op when not held)
                // before the connection goes back to the pool.
                await ThreadLock.UnlockAsync(connection, key).ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            // Not granted: the connection goes back to the pool while this turn sleeps.
            await connection.DisposeAsync().ConfigureAwait(false);
            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new ChatKitConflictException("This thread is busy with another turn.");
            }

            var pause = _options.ThreadLockPollInterval < remaining ? _options.ThreadLockPollInterval : remaining;
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }
    }

    // ------------------------------------------------------------------ bulk loading

    /// <summary>
    /// Bulk-inserts new threads and items with binary <c>COPY</c> (imports, benchmarks). Ids must not exist yet;
    /// items must belong to threads that exist or are in <paramref name="threads"/>. Items keep the given order as
    /// their insertion order. Planner statistics are refreshed (<c>ANALYZE</c>) afterwards.
    /// </summary>
    public async ValueTask ImportAsync(IEnumerable<ThreadMetadata> threads, IEnumerable<ThreadItem> items, TContext context, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var user = _userOf(context);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY {_s}.threads (user_id, id, created_at, data, raw) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var thread in threads)
            {
                var (data, raw) = Split(JsonSerializer.Serialize(thread, ChatKitJson.Storage.ThreadMetadata));
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(user, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(thread.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(thread.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(writer, data, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(writer, raw, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var writer = await connection.BeginBinaryImportAsync($"COPY {_s}.items (user_id, thread_id, id, created_at, type, data, raw, client_json) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in items)
            {
                var (data, raw) = Split(ChatKitJson.SerializeItemForStorage(item));
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(user, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(item.ThreadId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(item.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(item.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(StoredItemType.Of(item), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(writer, data, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(writer, raw, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(ChatKitJson.IsClientJson(item), NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // Refresh planner statistics now rather than whenever autovacuum gets to it: with stale row counts the
        // planner may sort a whole thread instead of walking the index.
        await using var analyze = new NpgsqlCommand($"ANALYZE {_s}.threads, {_s}.items", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the data source when the store created it.</summary>
    public async ValueTask DisposeAsync()
    {
        await Runs.DisposeAsync().ConfigureAwait(false);
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the data source when the store created it.</summary>
    public void Dispose()
    {
        Runs.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    // ------------------------------------------------------------------ helpers

    internal Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var migration = _migration;
        if (migration is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_migrationGate)
        {
            // A failed attempt (e.g. database unreachable at start) is retried by the next operation.
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = PostgresSchema.MigrateAsync(_dataSource, _s, CancellationToken.None);
            }

            return _migration.WaitAsync(cancellationToken);
        }
    }

    internal string UserOf(TContext context) => _userOf(context);

    internal ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        _dataSource.OpenConnectionAsync(cancellationToken);

    internal NpgsqlCommand Command(string sql, params object?[] parameters)
    {
        var command = _dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        return command;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        return command;
    }

    private static (string Comparison, string Direction) Direction(SortOrder order) =>
        order == SortOrder.Asc ? (">", "ASC") : ("<", "DESC");

    // Keyset paging. The cursor's (created_at, seq) are scalar sub-selects (init plans), so the row comparison is an
    // index condition — a range scan starting at the cursor — rather than a join filter that scans from the end.
    // A missing cursor makes them NULL and the page empty; the caller reports it. Parameters: $1 user, then
    // ($2 thread for items), then the row count, then the cursor id.
    internal static string ItemsPageSql(string schema, bool hasCursor, SortOrder order)
    {
        var (comparison, direction) = Direction(order);
        var keyset = hasCursor
            ? $"""

                AND (created_at, seq) {comparison} (
                    (SELECT created_at FROM {schema}.items WHERE user_id = $1 AND thread_id = $2 AND id = $4),
                    (SELECT seq FROM {schema}.items WHERE user_id = $1 AND thread_id = $2 AND id = $4))
              """
            : string.Empty;
        return $"""
            SELECT data, raw, id, type, client_json FROM {schema}.items WHERE user_id = $1 AND thread_id = $2{keyset}
            ORDER BY created_at {direction}, seq {direction} LIMIT $3
            """;
    }

    /// <summary>Like <see cref="ItemsPageSql"/> for threads: $1 user, $2 row count, $3 cursor id.</summary>
    internal static string ThreadsPageSql(string schema, bool hasCursor, SortOrder order)
    {
        var (comparison, direction) = Direction(order);
        var keyset = hasCursor
            ? $"""

                AND (created_at, seq) {comparison} (
                    (SELECT created_at FROM {schema}.threads WHERE user_id = $1 AND id = $3),
                    (SELECT seq FROM {schema}.threads WHERE user_id = $1 AND id = $3))
              """
            : string.Empty;
        return $"""
            SELECT data, raw, id FROM {schema}.threads WHERE user_id = $1{keyset}
            ORDER BY created_at {direction}, seq {direction} LIMIT $2
            """;
    }

    private static NpgsqlParameter Timestamp(DateTimeOffset value) =>
        new() { Value = value.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static NpgsqlParameter Jsonb(string? json) =>
        new() { Value = (object?)json ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static NpgsqlParameter Text(string? text) =>
        new() { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    // jsonb cannot hold U+0000; System.Text.Json always writes it as the escape \u0000, so such payloads go to the
    // text column instead.
    private static (string? Data, string? Raw) Split(string json) =>
        json.Contains("\\u0000", StringComparison.Ordinal) ? (null, json) : (json, null);

    private static string Payload(NpgsqlDataReader reader) =>
        reader.IsDBNull(1) ? reader.GetString(0) : reader.GetString(1);

    // The stored text as UTF-8 bytes, read straight off the wire without a detour through a string.
    private static byte[] PayloadUtf8(NpgsqlDataReader reader) =>
        reader.IsDBNull(1) ? reader.GetFieldValue<byte[]>(0) : reader.GetFieldValue<byte[]>(1);

    private static async Task<Page<T>> ReadPageAsync<T>(NpgsqlCommand command, int limit, Func<string, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadPageAsync(reader, limit, reader => read(Payload(reader)), cancellationToken).ConfigureAwait(false);
    }

    // Rows start with (data, raw, id); limit + 1 rows were requested to learn has_more.
    private static async Task<Page<T>> ReadPageAsync<T>(NpgsqlDataReader reader, int limit, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var data = new List<T>(Math.Min(limit, 256));
        string? lastId = null;
        var hasMore = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (data.Count == limit)
            {
                hasMore = true;
                break;
            }

            data.Add(read(reader));
            lastId = reader.GetString(2);
        }

        return new Page<T> { Data = data, HasMore = hasMore, After = hasMore ? lastId : null };
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await writer.WriteAsync(value, type, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ThreadMetadata ReadThread(string json) =>
        JsonSerializer.Deserialize(json, ChatKitJson.Storage.ThreadMetadata) ?? throw new JsonException("Stored thread is JSON null.");

    private static ChatKitNotFoundException ThreadNotFound(string threadId) => new($"Thread '{threadId}' not found.");

    // Pool exhaustion (or a database that cannot be reached in time) is a temporary overload, not a bug: a 503 the
    // client may retry, instead of a 500.
    internal static bool IsUnavailable(NpgsqlException e) => e is not PostgresException && e.InnerException is TimeoutException;

    internal ChatKitServiceUnavailableException Unavailable(NpgsqlException e) =>
        new("The database is busy; try again shortly.", _options.UnavailableRetryAfter, e);

    private sealed class ThreadLock(NpgsqlConnection connection, string key) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await UnlockAsync(connection, key).ConfigureAwait(false);
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }

        public static async Task UnlockAsync(NpgsqlConnection connection, string key)
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1, hashtext($2))", connection);
                release.Parameters.Add(new NpgsqlParameter { Value = PostgresSchema.ThreadLockNamespace });
                release.Parameters.Add(new NpgsqlParameter { Value = key });
                await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // A broken connection has already lost its session, and with it the lock.
            }
        }
    }
}
