using System.Text.Json;
using ChatKit.Json;

namespace ChatKit.Tests.Protocol;

/// <summary>The annotation list of a text part is created on first use; it must behave as if it always existed.</summary>
public sealed class AssistantMessageContentTests
{
    private static Annotation Cite(int index) => new() { Source = new UrlSource { Title = "t", Url = "https://example.com" }, Index = index };

    [Fact]
    public void Annotations_added_to_the_list_read_back_stay_in_the_part()
    {
        var part = new AssistantMessageContent { Text = "x" };
        part.Annotations.Add(Cite(1));
        part.Annotations.Add(Cite(2));
        Assert.Equal([1, 2], part.Annotations.Select(a => a.Index));
        Assert.Same(part.Annotations, part.Annotations);
    }

    [Fact]
    public void Setting_null_empties_the_list_and_a_clone_has_its_own()
    {
        var part = new AssistantMessageContent { Text = "x", Annotations = null! };
        Assert.Empty(part.Annotations);

        var cited = new AssistantMessageContent { Text = "y", Annotations = [Cite(1)] };
        var clone = cited.Clone();
        clone.Annotations.Add(Cite(2));
        Assert.Single(cited.Annotations);

        var bareClone = new AssistantMessageContent { Text = "z" }.Clone();
        bareClone.Annotations.Add(Cite(3));
        Assert.Single(bareClone.Annotations);
    }

    [Fact]
    public void A_part_without_annotations_is_written_with_an_empty_array()
    {
        var json = JsonSerializer.Serialize<ThreadItem>(
            new AssistantMessageItem { Id = "m", ThreadId = "t", CreatedAt = DateTimeOffset.UnixEpoch, Content = [new AssistantMessageContent { Text = "hi" }] },
            ChatKitJson.Storage.ThreadItem);
        var part = JsonDocument.Parse(json).RootElement.GetProperty("content")[0];
        Assert.Equal(0, part.GetProperty("annotations").GetArrayLength());
    }
}
