using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Reliability.Tests.Hosting;
using ChatKit.Testing.Http;

namespace ChatKit.Reliability.Tests.Fuzz;

/// <summary>
/// Sends fuzz cases as a rotating set of users, each with a thread of real items to aim at, and checks the four
/// properties of every answer: no 5xx, no torn stream after a 200, nothing stored for a 4xx, and (after every
/// batch) a valid turn still works.
/// </summary>
public sealed class FuzzRunner(ReliabilityHost host, IReadOnlyDictionary<string, JsonObject> fixtures, int casesPerUser) : IDisposable
{
    private readonly Dictionary<string, int> _byStatus = new(StringComparer.Ordinal);
    private readonly Dictionary<MutationKind, int> _byKind = [];
    private RawClient? _client;
    private string? _threadId;
    private List<string> _itemIds = [];
    private int _casesForUser;

    public int Cases { get; private set; }

    public int Users { get; private set; }

    public int Batches { get; private set; }

    public void Run(FuzzCase fuzzCase) => RunAsync(fuzzCase).GetAwaiter().GetResult();

    public async Task RunAsync(FuzzCase fuzzCase)
    {
        if (_client is null || _casesForUser >= casesPerUser)
        {
            await EndBatchAsync();
            await NewUserAsync();
        }

        _casesForUser++;
        Cases++;
        _byKind[fuzzCase.Kind] = _byKind.GetValueOrDefault(fuzzCase.Kind) + 1;
        var body = BodyRenderer.Render(fuzzCase, fixtures, _threadId, _itemIds);
        var before = await UserSnapshot.TakeAsync(_client!);
        var outcome = await _client!.PostAsync(body);
        var status = (int)outcome.Status;
        _byStatus[$"{status}"] = _byStatus.GetValueOrDefault($"{status}") + 1;
        var why = $"case {fuzzCase} body {Preview(body)} -> {outcome.Describe()}";

        Assert.True(status < 500, "5xx: " + why);
        if (outcome.IsStream)
        {
            Assert.True(status == 200 && outcome.Torn is null, "torn or non-200 stream: " + why);
        }
        else if (status >= 400)
        {
            Assert.False(string.IsNullOrEmpty(outcome.ErrorCode), "a refusal without a JSON error code: " + why);
            var after = await UserSnapshot.TakeAsync(_client!);
            Assert.True(JsonNode.DeepEquals(before, after), $"a refused request changed stored data: {why}\nbefore {before.ToJsonString()}\nafter {after.ToJsonString()}");
        }
        else
        {
            Assert.True(outcome.Json is not null, "a 2xx that is neither SSE nor JSON: " + why);
        }

        if (status < 300)
        {
            // A valid request may have deleted or changed the thread aimed at: aim at what is there now.
            await RefreshTargetAsync();
        }
    }

    /// <summary>A valid turn after the batch: the server still serves this user and its thread is not locked.</summary>
    public async Task EndBatchAsync()
    {
        if (_client is null)
        {
            return;
        }

        Batches++;
        if (_threadId is not null)
        {
            await Turns.AssertNextTurnWorksAsync(_client, _threadId, $"valid turn after batch {Batches}");
        }
        else
        {
            await Turns.StartThreadAsync(_client, "still serving?");
        }

        _client.Dispose();
        _client = null;
    }

    public string Summary() =>
        $"fuzz: {Cases} cases, {Users} users, {Batches} batches; by mutation: {string.Join(", ", _byKind.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}; " +
        $"by status: {string.Join(", ", _byStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}";

    public void Dispose() => _client?.Dispose();

    private async Task NewUserAsync()
    {
        Users++;
        _casesForUser = 0;
        _client = new RawClient(host.Endpoint);
        // A thread with a widget, a user message, a workflow and an answer; every other user also leaves a pending
        // client tool call as the last item so that threads.add_client_tool_output has something to answer.
        var created = await _client.PostAsync(ChatKitRequests.CreateThread("show me a widget"));
        Assert.True(created.Status == HttpStatusCode.OK && created.Torn is null, "setup: " + created.Describe());
        _threadId = Turns.ThreadId(created);
        await Turns.AssertNextTurnWorksAsync(_client, _threadId, "setup");
        if (Users % 2 == 0)
        {
            var tool = await _client.PostAsync(ChatKitRequests.AddUserMessage(_threadId, "use the client tool"));
            Assert.True(tool.Status == HttpStatusCode.OK && tool.Torn is null, "setup: " + tool.Describe());
        }

        await RefreshTargetAsync();
    }

    private async Task RefreshTargetAsync()
    {
        var threads = await _client!.PostAsync(ChatKitRequests.ListThreads(limit: 1));
        Assert.True(threads.Status == HttpStatusCode.OK, threads.Describe());
        _threadId = threads.Json!["data"]!.AsArray().FirstOrDefault()?["id"]?.GetValue<string>();
        _itemIds = _threadId is null ? [] : await Turns.ItemIdsAsync(_client, _threadId);
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length <= 300 ? text : text[..300] + $"… ({body.Length} bytes)";
    }
}
