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
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Is_a_clear_400_that_stores_nothing(string why, string body)
    {
        using var client = new RawClient(_host.Endpoint);
        var threadId = await Turns.StartThreadAsync(client);
        var before = await UserSnapshot.TakeAsync(client);

        var outcome = await client.PostAsync(body);

        Assert.True(outcome.Status == HttpStatusCode.BadRequest, $"{why}: {outcome.Describe()}");
        Assert.Equal("invalid_request", outcome.ErrorCode);
        Assert.True(JsonNode.DeepEquals(before, await UserSnapshot.TakeAsync(client)), why);
        await Turns.AssertNextTurnWorksAsync(client, threadId, why);
    }
}
