using System.Text.Json;
using ChatKit.Json;
using ChatKit.Stores;
using ChatKit.Testing;

namespace ChatKit.Tests.Stores;

public sealed class StoredItemTypeTests
{
    [Fact]
    public void Every_catalog_item_gets_the_type_its_json_carries_and_only_hidden_items_are_hidden()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in ProtocolFixtures.List(Path.Combine("catalog", "items")))
        {
            var json = ProtocolFixtures.ReadText(path);
            var item = JsonSerializer.Deserialize(json, ChatKitJson.Storage.ThreadItem)!;
            var type = StoredItemType.Of(item);
            Assert.Equal(JsonDocument.Parse(json).RootElement.GetProperty("type").GetString(), type);
            Assert.Equal(item.IsHidden, StoredItemType.IsHidden(type));
            seen.Add(type);
        }

        var t0 = DateTimeOffset.UnixEpoch;
        Assert.True(StoredItemType.IsHidden(StoredItemType.Of(new HiddenContextItem { Id = "h", ThreadId = "t", CreatedAt = t0, Content = null })));
        Assert.True(StoredItemType.IsHidden(StoredItemType.Of(new SdkHiddenContextItem { Id = "s", ThreadId = "t", CreatedAt = t0, Content = "x" })));
        Assert.Contains("user_message", seen);
        Assert.False(StoredItemType.IsHidden("user_message"));
        Assert.False(StoredItemType.IsHidden("unknown"));
    }
}
