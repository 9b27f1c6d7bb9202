using System.Text.Json.Nodes;

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
}
