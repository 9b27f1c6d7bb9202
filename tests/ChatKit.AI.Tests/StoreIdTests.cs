using System.Text.Json.Nodes;
using ChatKit.AI.Tests.Support;
using ChatKit.Stores;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

public sealed class StoreIdTests
{
    [Fact]
    public async Task The_server_and_the_turn_use_the_stores_overridden_id_generators()
    {
        var store = new CountingIdStore();
        var tool = AIFunctionFactory.Create(async () =>
        {
            var context = ChatKitToolContext.Current!;
            await context.ProgressAsync("Looking…");
            await context.AddHiddenContextAsync(JsonValue.Create("note"));
            return "42";
        }, "lookup");
        var harness = new Harness(
            new ChatClientResponderOptions { Tools = [tool], ToolCallDisplay = ToolCallDisplay.Workflow, RememberToolResults = true, EmitEndOfTurn = true },
            store: store);
        harness.Client.Then(Reasoning("Thinking"), Call("call_1", "lookup")).Then(Text("It is 42."));

        var events = await harness.CreateThreadAsync("What is it?");

        var threadId = Harness.ThreadIdOf(events);
        Assert.Equal("thread-1", threadId);
        var ids = (await harness.ItemsAsync(threadId)).Select(i => i.Id).ToList();
        Assert.True(ids.Count >= 6, string.Join(", ", ids));
        Assert.All(ids, id => Assert.Matches("^(message|workflow|sdk_hidden_context)-[0-9]+$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private sealed class CountingIdStore : InMemoryStore<TestContext>
    {
        private int _next;

        public override string GenerateThreadId(TestContext context) => $"thread-{Interlocked.Increment(ref _next)}";

        public override string GenerateItemId(StoreItemKind kind, ThreadMetadata thread, TestContext context) =>
            $"{kind.ToString().ToLowerInvariant() switch { "sdkhiddencontext" => "sdk_hidden_context", var k => k }}-{Interlocked.Increment(ref _next)}";
    }
}
