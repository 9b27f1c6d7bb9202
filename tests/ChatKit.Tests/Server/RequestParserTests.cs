using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Testing;

namespace ChatKit.Tests.Server;

/// <summary>The parser reads type-first bodies through the request type's own contract; it must not change a thing.</summary>
public sealed class RequestParserTests
{
    public static TheoryData<string> Requests()
    {
        var data = new TheoryData<string>();
        foreach (var path in ProtocolFixtures.List("requests"))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_request_parses_the_same_with_its_type_first_or_last(string file)
    {
        var body = ProtocolFixtures.Load(Path.Combine("requests", file)).AsObject();
        var typeFirst = new JsonObject { ["type"] = body["type"]!.DeepClone() };
        var typeLast = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (key != "type")
            {
                typeFirst[key] = value?.DeepClone();
                typeLast[key] = value?.DeepClone();
            }
        }

        typeLast["type"] = body["type"]!.DeepClone();

        var first = ChatKitRequestParser.Parse(Encoding.UTF8.GetBytes(typeFirst.ToJsonString()));
        var last = ChatKitRequestParser.Parse(Encoding.UTF8.GetBytes(typeLast.ToJsonString()));
        Assert.Equal(first.GetType(), last.GetType());
        Assert.Equal(
            JsonSerializer.Serialize(last, ChatKitJson.Wire.ChatKitRequest),
            JsonSerializer.Serialize(first, ChatKitJson.Wire.ChatKitRequest));
    }

    [Theory]
    [InlineData("""{"type":"threads.list","params":{},"type":"items.list"}""")]
    [InlineData("""{"type":"threads.list","params":{},"type":"threads.list"}""")]
    [InlineData("""{"params":{},"type":"threads.list","type":"items.list"}""")]
    public void A_second_type_is_rejected_wherever_the_first_is(string body)
    {
        var error = Assert.Throws<ChatKitBadRequestException>(() => ChatKitRequestParser.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(400, error.StatusCode);
    }

    [Theory]
    [InlineData("""{"type":"threads.list","params":{"limit":"x"}}""")]
    [InlineData("""{"type":"threads.list","params":{"order":"ASC"}}""")]
    [InlineData("""{"type":"threads.get_by_id","params":{}}""")]
    [InlineData("""{"type":"threads.get_by_id"}""")]
    [InlineData("""{"type":"threads.list","params":{"limit":5}""")]
    [InlineData("""{"type":"nope","params":{}}""")]
    [InlineData("""{"type":7,"params":{}}""")]
    public void Bad_type_first_bodies_are_400s(string body)
    {
        var error = Assert.Throws<ChatKitBadRequestException>(() => ChatKitRequestParser.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(400, error.StatusCode);
    }
}
