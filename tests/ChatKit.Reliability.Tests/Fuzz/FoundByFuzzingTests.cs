using System.Net;
using System.Text.Json.Nodes;
using ChatKit.Reliability.Tests.Hosting;

namespace ChatKit.Reliability.Tests.Fuzz;

/// <summary>Inputs the fuzzer found answered with a 5xx, kept as fixed cases: each is a clear 4xx that stores nothing.</summary>
public sealed class FoundByFuzzingTests : IAsyncLifetime
{
    private ReliabilityHost _host = null!;

    public async Task InitializeAsync() => _host = await ReliabilityHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> Bodies => new()
    {
        // The error message read 'type' as a string, which throws for an escaped unpaired surrogate: a 500.
        { "unpaired surrogate as type", """{"type":"\ud800x\u0000\u202e\uffff","params":{"attachment_id":"atc_1"}}""" },
        { "unpaired low surrogate as type", """{"type":"\udc00","params":{}}""" },
        // Measuring a free-form JSON value for the item size limit wrote it as UTF-8, which throws for an unpaired
        // surrogate: a 500 (found after the size limits were added). {thread} is the user's real thread.
        { "unpaired surrogate in a client tool result", """{"type":"threads.add_client_tool_output","params":{"thread_id":"{thread}","result":{"nodes":[{"id":"rect_1","kind":"\ud800x\u0000\u202e\uffff"}]}}}""" },
        { "unpaired surrogate in an action payload", """{"type":"threads.custom_action","params":{"thread_id":"{thread}","action":{"type":"x","payload":{"k":"\udfff"}}}}""" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Is_a_clear_400_that_stores_nothing(string why, string body)
    {
        using var client = new RawClient(_host.Endpoint);
        var threadId = await Turns.StartThreadAsync(client);
        var before = await UserSnapshot.TakeAsync(client);

        var outcome = await client.PostAsync(body.Replace("{thread}", threadId, StringComparison.Ordinal));

        Assert.True(outcome.Status == HttpStatusCode.BadRequest, $"{why}: {outcome.Describe()}");
        Assert.Equal("invalid_request", outcome.ErrorCode);
        Assert.True(JsonNode.DeepEquals(before, await UserSnapshot.TakeAsync(client)), why);
        await Turns.AssertNextTurnWorksAsync(client, threadId, why);
    }
}
