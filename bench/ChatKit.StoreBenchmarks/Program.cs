using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ChatKit;
using ChatKit.Postgres;
using ChatKit.Postgres.Tests;
using ChatKit.Sqlite;
using ChatKit.Stores;

// Paging latency of the persistent stores as a thread (items.list) and a user (threads.list) grow.
// Usage: dotnet run -c Release --project bench/ChatKit.StoreBenchmarks [-- --quick] [-- sqlite|postgres]
// PostgreSQL: CHATKIT_TEST_POSTGRES (a connection string) or a throwaway local cluster (/usr/lib/postgresql/*/bin).
var quick = args.Contains("--quick");
var only = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
int[] sizes = quick ? [100, 1_000, 10_000] : [100, 1_000, 10_000, 100_000];
var iterations = quick ? 50 : 200;
const int PageSize = 20;
var results = new List<Row>();
var total = Stopwatch.StartNew();

Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");

if (only is null or "sqlite")
{
    var directory = Directory.CreateTempSubdirectory("chatkit-bench-").FullName;
    try
    {
        using var store = new SqliteStore<BenchUser>(Path.Combine(directory, "chatkit.db"));
        await RunAsync("SQLite", store, store.ImportAsync);
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }
}

if (only is null or "postgres")
{
    using var server = new PostgresServer();
    await using var store = new PostgresStore<BenchUser>(server.DatabaseFor("bench"));
    await store.MigrateAsync();
    await RunAsync("PostgreSQL", store, store.ImportAsync);
}

Console.WriteLine();
Console.WriteLine($"Page size {PageSize}, order desc (newest first); median (p95) of {iterations} calls, in microseconds.");
Console.WriteLine();
Console.WriteLine("| store | list | rows | first page | middle page | last page |");
Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
foreach (var row in results)
{
    Console.WriteLine($"| {row.Store} | {row.List} | {row.Rows:N0} | {row.First} | {row.Middle} | {row.Last} |");
}

Console.WriteLine();
Console.WriteLine($"Total {total.Elapsed.TotalSeconds:F0} s");
return;

async Task RunAsync(string name, IStore<BenchUser> store, Func<IEnumerable<ThreadMetadata>, IEnumerable<ThreadItem>, BenchUser, CancellationToken, ValueTask> import)
{
    var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // items.list: one thread growing to each size.
    var itemUser = new BenchUser("items-user");
    const string ThreadId = "thr_big";
    await import([new ThreadMetadata { Id = ThreadId, CreatedAt = t0 }], [], itemUser, default);
    var itemCount = 0;
    foreach (var size in sizes)
    {
        var load = Stopwatch.StartNew();
        var from = itemCount;
        await import([], Enumerable.Range(from, size - from).Select(i => Item(ThreadId, i, t0)), itemUser, default);
        itemCount = size;
        Console.WriteLine($"{name}: loaded {size:N0} items in {load.Elapsed.TotalSeconds:F1} s");

        // Newest first: the middle page starts after the middle item, the last page after item #PageSize.
        results.Add(new Row(name, "items.list", size,
            await MeasureAsync(() => store.LoadThreadItemsAsync(ThreadId, null, PageSize, SortOrder.Desc, itemUser), PageSize),
            await MeasureAsync(() => store.LoadThreadItemsAsync(ThreadId, ItemId(size / 2), PageSize, SortOrder.Desc, itemUser), PageSize),
            await MeasureAsync(() => store.LoadThreadItemsAsync(ThreadId, ItemId(PageSize), PageSize, SortOrder.Desc, itemUser), PageSize)));
    }

    // threads.list: one user growing to each size (plus the item user's thread, which is another user).
    var threadUser = new BenchUser("threads-user");
    var threadCount = 0;
    foreach (var size in sizes)
    {
        var load = Stopwatch.StartNew();
        var from = threadCount;
        await import(Enumerable.Range(from, size - from).Select(i => new ThreadMetadata { Id = ThreadIdOf(i), CreatedAt = t0.AddMilliseconds(i), Title = $"Thread {i}" }), [], threadUser, default);
        threadCount = size;
        Console.WriteLine($"{name}: loaded {size:N0} threads in {load.Elapsed.TotalSeconds:F1} s");

        results.Add(new Row(name, "threads.list", size,
            await MeasureAsync(() => store.LoadThreadsAsync(PageSize, null, SortOrder.Desc, threadUser), PageSize),
            await MeasureAsync(() => store.LoadThreadsAsync(PageSize, ThreadIdOf(size / 2), SortOrder.Desc, threadUser), PageSize),
            await MeasureAsync(() => store.LoadThreadsAsync(PageSize, ThreadIdOf(PageSize), SortOrder.Desc, threadUser), PageSize)));
    }
}

async Task<string> MeasureAsync<T>(Func<ValueTask<Page<T>>> call, int expectedCount)
{
    for (var i = 0; i < 10; i++)
    {
        var page = await call();
        if (page.Data.Count != expectedCount)
        {
            throw new InvalidOperationException($"Expected {expectedCount} rows, got {page.Data.Count}.");
        }
    }

    var samples = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await call();
        samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    Array.Sort(samples);
    var median = samples[samples.Length / 2];
    var p95 = samples[(int)(samples.Length * 0.95)];
    return string.Create(CultureInfo.InvariantCulture, $"{median:F0} ({p95:F0})");
}

static string ItemId(int i) => $"msg_{i:D7}";

static string ThreadIdOf(int i) => $"thr_{i:D7}";

static ThreadItem Item(string threadId, int i, DateTimeOffset t0) => (i % 2) switch
{
    0 => new UserMessageItem
    {
        Id = ItemId(i),
        ThreadId = threadId,
        CreatedAt = t0.AddMilliseconds(i),
        Content = [new UserMessageTextContent { Text = $"Question {i}: what changed in the quarterly plan since last week?" }],
    },
    _ => new AssistantMessageItem
    {
        Id = ItemId(i),
        ThreadId = threadId,
        CreatedAt = t0.AddMilliseconds(i),
        Content = [new AssistantMessageContent { Text = $"Answer {i}: revenue grew 12%, hiring slowed, and the launch moved to **June**. See the attached chart for details." }],
    },
};

internal sealed record BenchUser(string UserId) : IUserContext;

internal sealed record Row(string Store, string List, int Rows, string First, string Middle, string Last);
