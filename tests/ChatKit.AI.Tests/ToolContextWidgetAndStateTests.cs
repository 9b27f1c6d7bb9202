using System.Runtime.CompilerServices;
using ChatKit.AI.Tests.Support;
using ChatKit.Widgets;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

public sealed class ToolContextWidgetAndStateTests
{
    private static ChatKitToolContext Context => ChatKitToolContext.Current ?? throw new InvalidOperationException("No ChatKit tool context.");

    private static async IAsyncEnumerable<Card> Typing([EnumeratorCancellation] CancellationToken ct = default)
    {
        var text = "";
        foreach (var chunk in new[] { "Sunny", ", 21", " °C" })
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            text += chunk;
            yield return new Card { Children = [new Title { Value = "Weather" }, new Markdown { Id = "body", Value = text, Streaming = true }] };
        }

        yield return new Card { Children = [new Title { Value = "Weather" }, new Markdown { Id = "body", Value = text, Streaming = false }] };
    }

    [Fact]
    public async Task A_widget_generator_is_streamed_through_the_tool_context()
    {
        WidgetItem? returned = null;
        var tool = AIFunctionFactory.Create(async () =>
        {
            returned = await Context.StreamWidgetAsync(Typing(), copyText: "Sunny, 21 °C");
            return "shown";
        }, "weather");
        var harness = new Harness(new ChatClientResponderOptions { Tools = [tool], ToolCallDisplay = ToolCallDisplay.None });
        harness.Client.Then(Call("call_1", "weather")).Then(Text("Enjoy."));

        var events = await harness.CreateThreadAsync("Weather?");

        var widgetEvents = events.Where(e => (string?)e["item"]?["type"] == "widget" || ((string?)e["update"]?["type"])?.StartsWith("widget.", StringComparison.Ordinal) == true).ToList();
        var shape = Harness.Shape(widgetEvents);
        Assert.Equal("thread.item.added:widget", shape[0]);
        Assert.Equal("thread.item.done:widget", shape[^1]);
        Assert.Equal(2, shape.Count(s => s == "updated:widget.streaming_text.value_delta"));
        var deltas = widgetEvents.Where(e => (string?)e["update"]?["type"] == "widget.streaming_text.value_delta").Select(e => (string)e["update"]!["delta"]!);
        Assert.Equal([", 21", " °C"], deltas);
        var id = (string)widgetEvents[0]["item"]!["id"]!;
        Assert.All(widgetEvents, e => Assert.Equal(id, (string?)e["item_id"] ?? (string?)e["item"]!["id"]));
        Assert.Equal(id, returned!.Id);

        var stored = Assert.Single((await harness.ItemsAsync(Harness.ThreadIdOf(events))).OfType<WidgetItem>());
        Assert.Equal("Sunny, 21 °C", stored.CopyText);
        Assert.Equal("Sunny, 21 °C", (string)stored.Widget.Json["children"]![1]!["value"]!);
        Assert.False((bool)stored.Widget.Json["children"]![1]!["streaming"]!);
        Assert.Equal("thread.item.done:assistant_message", Harness.Shape(events)[^1]);
    }

    [Fact]
    public async Task The_apps_turn_state_is_seeded_shared_by_the_tools_and_new_each_turn()
    {
        var seen = new List<(string Tool, Cart Cart)>();
        var add = AIFunctionFactory.Create((string sku) =>
        {
            var cart = Context.State.Get<Cart>();
            cart.Items.Add(sku);
            seen.Add(("add", cart));
            return cart.Items.Count;
        }, "add_to_cart");
        var count = AIFunctionFactory.Create(() =>
        {
            var cart = Context.State.Get<Cart>();
            seen.Add(("count", cart));
            var audit = Context.State.GetOrAdd(() => new List<string>());
            audit.Add("counted");
            return $"{cart.Owner}: {cart.Items.Count}";
        }, "count_cart");
        var harness = new Harness(
            new ChatClientResponderOptions { Tools = [add, count] },
            responder: (client, options) => new CartResponder(client, options));
        harness.Client
            .Then(Call("call_1", "add_to_cart", """{"sku":"A-1"}"""))
            .Then(Call("call_2", "count_cart"))
            .Then(Text("One item."))
            .Then(Call("call_3", "count_cart"))
            .Then(Text("Empty again."));

        var first = await harness.CreateThreadAsync("Add A-1");
        await harness.AddUserMessageAsync(Harness.ThreadIdOf(first), "How many now?");

        Assert.Equal(["add", "count", "count"], seen.Select(s => s.Tool));
        Assert.Same(seen[0].Cart, seen[1].Cart);
        Assert.NotSame(seen[1].Cart, seen[2].Cart);
        Assert.Contains("result call_2", MessageText.Render(harness.Client.Calls[2]).Last());
        Assert.Contains("user-1: 1", MessageText.Render(harness.Client.Calls[2]).Last());
        Assert.Contains("user-1: 0", MessageText.Render(harness.Client.Calls[4]).Last());
    }

    [Fact]
    public void Turn_state_gives_a_clear_error_for_a_missing_type_and_keeps_one_value_per_type()
    {
        var state = new ChatKitTurnState();
        var missing = Assert.Throws<KeyNotFoundException>(() => state.Get<Cart>());
        Assert.Contains(typeof(Cart).FullName!, missing.Message, StringComparison.Ordinal);
        Assert.False(state.TryGet<Cart>(out _));

        var cart = new Cart("x");
        state.Set(cart);
        Assert.Same(cart, state.GetOrAdd(() => new Cart("y")));
        Assert.True(state.Remove<Cart>());
        Assert.Equal("y", state.GetOrAdd(() => new Cart("y")).Owner);
    }

    public sealed record Cart(string Owner)
    {
        public List<string> Items { get; } = [];
    }

    private sealed class CartResponder(IChatClient client, ChatClientResponderOptions options) : ChatClientResponder(client, options)
    {
        protected internal override ValueTask InitializeTurnStateAsync<TContext>(ChatKitTurnState state, ThreadMetadata thread, TContext context, CancellationToken cancellationToken)
        {
            state.Set(new Cart(((TestContext)(object)context!).UserId));
            return ValueTask.CompletedTask;
        }
    }
}
