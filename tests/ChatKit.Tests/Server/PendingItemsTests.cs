using System.Text.Json;
using ChatKit.Json;
using ChatKit.Server;

namespace ChatKit.Tests.Server;

public sealed class PendingItemsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_added_assistant_message_is_an_exact_copy_that_updates_never_leak_into()
    {
        var original = new AssistantMessageItem
        {
            Id = "msg_1",
            ThreadId = "thr_1",
            CreatedAt = T0.AddTicks(7),
            Content =
            [
                new AssistantMessageContent
                {
                    Text = "cited",
                    Annotations = [new Annotation { Source = new UrlSource { Title = "t", Url = "https://example.com" }, Index = 2 }],
                },
            ],
        };
        var before = JsonSerializer.Serialize<ThreadItem>(original, ChatKitJson.Storage.ThreadItem);
        using var pending = new PendingItems();

        pending.Add(original);
        pending.Apply("msg_1", new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = " more" });
        pending.Apply("msg_1", new AssistantMessageContentPartAdded { ContentIndex = 1, Content = new AssistantMessageContent { Text = "second" } });

        Assert.Equal(before, JsonSerializer.Serialize<ThreadItem>(original, ChatKitJson.Storage.ThreadItem));
        var copy = Assert.IsType<AssistantMessageItem>(Assert.Single(pending.Items));
        Assert.NotSame(original, copy);
        Assert.Equal(["cited more", "second"], copy.Content.Select(c => c.Text));
        Assert.Equal(original.Content[0].Annotations, copy.Content[0].Annotations);
    }

    [Fact]
    public void The_hand_written_copy_knows_every_property_of_an_assistant_message()
    {
        // PendingItems copies AssistantMessageItem property by property; a new property must be added there too.
        var properties = typeof(AssistantMessageItem).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["Content", "CreatedAt", "Id", "IsHidden", "ThreadId"], properties);
    }

    [Fact]
    public void Deltas_go_to_their_own_part_and_item_when_streams_interleave()
    {
        using var pending = new PendingItems();
        pending.Add(new AssistantMessageItem { Id = "a", ThreadId = "t", CreatedAt = T0 });
        pending.Add(new AssistantMessageItem { Id = "b", ThreadId = "t", CreatedAt = T0 });
        foreach (var (id, index, delta) in new[] { ("a", 0, "a0 "), ("a", 1, "a1 "), ("b", 0, "b0 "), ("a", 0, "a0'"), ("b", 0, "b0'"), ("a", 1, "a1'") })
        {
            pending.Apply(id, new AssistantMessageContentPartTextDelta { ContentIndex = index, Delta = delta });
        }

        pending.Remove("b");
        pending.Apply("b", new AssistantMessageContentPartTextDelta { ContentIndex = 0, Delta = "ignored" });
        var a = Assert.IsType<AssistantMessageItem>(Assert.Single(pending.Items));
        Assert.Equal(["a0 a0'", "a1 a1'"], a.Content.Select(c => c.Text));
    }
}
