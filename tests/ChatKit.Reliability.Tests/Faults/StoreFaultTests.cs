using System.Net;
using ChatKit.Reliability.Tests.Hosting;
using ChatKit.Testing.Http;
using Xunit.Abstractions;

namespace ChatKit.Reliability.Tests.Faults;

/// <summary>A store that throws at every possible point of a turn, one point per turn.</summary>
public sealed class StoreFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ReliabilityHost _host = null!;
    private FailingStore _store = null!;

    public async Task InitializeAsync()
    {
        _host = await ReliabilityHost.StartAsync(decorateStore: (inner, _) => _store = new FailingStore(inner));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> TurnKinds => new() { "threads.create", "threads.add_user_message", "threads.custom_action", "threads.retry_after_item" };

    [Theory]
    [MemberData(nameof(TurnKinds))]
    public async Task A_store_failing_at_any_call_of_a_turn_leaves_a_consistent_thread_and_a_working_next_turn(string kind)
    {
        // A clean run counts the store calls of this kind of turn; then each of them fails once, in turn.
        var (clean, _) = await RunTurnAsync(kind, failAt: null);
        Assert.True(clean > 0);
        var fired = 0;
        for (var call = 1; call <= clean; call++)
        {
            var (_, didFire) = await RunTurnAsync(kind, call);
            fired += didFire ? 1 : 0;
        }

        SuiteReport.Write(output, $"store faults, {kind}: {clean} store calls per turn, each failed once ({fired} fired)");
        Assert.Equal(clean, fired);
    }

    private async Task<(int Calls, bool Fired)> RunTurnAsync(string kind, int? failAt)
    {
        using var client = new RawClient(_host.Endpoint);
        _store.Disarm();
        var setup = await client.PostAsync(ChatKitRequests.CreateThread("show me a widget"));
        Assert.True(setup.Status == HttpStatusCode.OK && setup.Torn is null && setup.Events.Count > 0, "setup: " + setup.Describe());
        var threadId = Turns.ThreadId(setup);
        var items = await Turns.ItemIdsAsync(client, threadId);
        var widget = items.Last();
        var userMessage = items.First();
        var body = kind switch
        {
            "threads.create" => ChatKitRequests.CreateThread("hello"),
            "threads.add_user_message" => ChatKitRequests.AddUserMessage(threadId, "hello"),
            "threads.custom_action" => ChatKitRequests.Action(threadId, widget, "demo.increment"),
            _ => ChatKitRequests.Retry(threadId, userMessage),
        };

        if (failAt is { } call)
        {
            _store.Arm(call);
        }
        else
        {
            _store.Count();
        }

        var outcome = await client.PostAsync(body);
        var calls = _store.Calls;
        var fired = _store.Fired;
        _store.Disarm();
        var why = $"{kind}, store call {failAt?.ToString() ?? "none"} failing";
        AfterFault.AssertClearAnswer(outcome, why);
        if (failAt is null)
        {
            Assert.True(outcome.Status == HttpStatusCode.OK && outcome.Torn is null, why + ": " + outcome.Describe());
        }

        var target = kind == "threads.create" && outcome.Events.FirstOrDefault(e => (string?)e["type"] == "thread.created") is { } created
            ? created["thread"]!["id"]!.GetValue<string>()
            : threadId;
        await AfterFault.AssertThreadRecoveredAsync(client, target, outcome.DoneItemIds, why);
        return (calls, fired);
    }
}
