using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;

namespace ChatKit.Tests.Protocol;

/// <summary>
/// <see cref="ThreadMetadata.ContentEquals"/> decides whether the server saves the thread and sends
/// <c>thread.updated</c> after an event; private metadata counts, whether it is empty or not.
/// </summary>
public sealed class ThreadMetadataTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Two_threads_with_empty_metadata_are_equal_and_a_clone_equals_its_source()
    {
        var thread = new ThreadMetadata { Id = "thr_1", CreatedAt = T0 };
        Assert.True(thread.ContentEquals(thread.Clone()));
        Assert.True(thread.ContentEquals(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }));
    }

    [Fact]
    public void Metadata_added_changed_or_removed_is_a_change()
    {
        var thread = new ThreadMetadata { Id = "thr_1", CreatedAt = T0 };
        var saved = thread.Clone();

        thread.Metadata["k"] = "v";
        Assert.False(thread.ContentEquals(saved));
        Assert.False(saved.ContentEquals(thread));

        saved = thread.Clone();
        Assert.True(thread.ContentEquals(saved));
        thread.Metadata["k"] = "w";
        Assert.False(thread.ContentEquals(saved));

        saved = thread.Clone();
        thread.Metadata.Remove("k");
        Assert.False(thread.ContentEquals(saved));
        Assert.True(thread.ContentEquals(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }));
    }

    [Fact]
    public void Nested_metadata_is_compared_deeply_and_a_replaced_object_counts()
    {
        var thread = new ThreadMetadata { Id = "thr_1", CreatedAt = T0, Metadata = new JsonObject { ["a"] = new JsonObject { ["b"] = 1 } } };
        var saved = thread.Clone();
        Assert.True(thread.ContentEquals(saved));

        thread.Metadata["a"]!["b"] = 2;
        Assert.False(thread.ContentEquals(saved));

        thread.Metadata = [];
        Assert.False(thread.ContentEquals(saved));
    }

    [Fact]
    public void Metadata_never_touched_is_empty_and_equals_an_empty_object_in_every_direction()
    {
        // The object is created on first use; a thread that never had one must behave exactly like {}.
        var untouched = new ThreadMetadata { Id = "thr_1", CreatedAt = T0 };
        var empty = new ThreadMetadata { Id = "thr_1", CreatedAt = T0, Metadata = [] };
        var cleared = new ThreadMetadata { Id = "thr_1", CreatedAt = T0, Metadata = null! };

        Assert.True(untouched.ContentEquals(empty));
        Assert.True(empty.ContentEquals(untouched));
        Assert.True(cleared.ContentEquals(untouched));
        Assert.True(untouched.Clone().ContentEquals(empty));
        Assert.Empty(cleared.Metadata);

        var filled = new ThreadMetadata { Id = "thr_1", CreatedAt = T0, Metadata = new JsonObject { ["k"] = 1 } };
        Assert.False(untouched.ContentEquals(filled));
        Assert.False(filled.ContentEquals(untouched));
    }

    [Fact]
    public void A_clone_has_its_own_metadata()
    {
        var thread = new ThreadMetadata { Id = "thr_1", CreatedAt = T0, Metadata = new JsonObject { ["a"] = new JsonObject { ["b"] = 1 } } };
        var clone = thread.Clone();
        clone.Metadata["a"]!["b"] = 2;
        clone.Metadata["c"] = true;
        Assert.Equal(1, (int)thread.Metadata["a"]!["b"]!);
        Assert.False(thread.Metadata.ContainsKey("c"));

        // A clone of a thread whose metadata was never created gets its own object on first use, too.
        var bare = new ThreadMetadata { Id = "thr_2", CreatedAt = T0 };
        var bareClone = bare.Clone();
        bareClone.Metadata["x"] = 1;
        Assert.Empty(bare.Metadata);
    }

    [Fact]
    public void Stored_json_of_a_thread_without_metadata_still_has_an_empty_object()
    {
        var json = JsonSerializer.Serialize(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, ChatKitJson.Storage.ThreadMetadata);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(json).RootElement.GetProperty("metadata").ValueKind);
        var read = JsonSerializer.Deserialize(json, ChatKitJson.Storage.ThreadMetadata)!;
        Assert.Empty(read.Metadata);
    }
}
