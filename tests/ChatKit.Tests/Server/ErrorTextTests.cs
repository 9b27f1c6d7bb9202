using System.Text;
using System.Text.RegularExpressions;
using ChatKit.Server;

namespace ChatKit.Tests.Server;

/// <summary>Parse errors speak JSON (the path of the bad value and the JSON type expected), never .NET type names.</summary>
public sealed partial class ErrorTextTests
{
    public static TheoryData<string, string> WrongTypes => new()
    {
        { """{"type":"threads.update","params":{"thread_id":"t","title":5}}""", "'params.title' must be a string." },
        { """{"type":"threads.update","params":{"thread_id":"t","title":{}}}""", "'params.title' must be a string." },
        { """{"type":"threads.list","params":{"limit":{}}}""", "'params.limit' must be a number." },
        { """{"type":"threads.list","params":{"limit":"many"}}""", "'params.limit' must be a number." },
        { """{"type":"threads.create","params":{"input":{"content":"hi","attachments":[],"inference_options":{}}}}""", "'params.input.content' must be an array." },
        { """{"type":"threads.create","params":{"input":{"content":[],"attachments":[7],"inference_options":{}}}}""", "'params.input.attachments[0]' must be a string." },
        { """{"type":"threads.create","params":{"input":{"content":[],"attachments":[],"inference_options":[]}}}""", "'params.input.inference_options' must be an object." },
        { """{"type":"threads.update","params":{"thread_id":"t"}}""", "'params' is missing required properties: 'title'." },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Wrong_json_types_name_the_path_and_the_expected_json_type(string body, string expected)
    {
        var error = Assert.Throws<ChatKitBadRequestException>(() => ChatKitRequestParser.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.DoesNotMatch(DotNetName(), error.Message);
        Assert.EndsWith(expected, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> OtherBadBodies => new()
    {
        """{"type":"threads.create","params":{"input":{"content":[{}],"attachments":[],"inference_options":{}}}}""",
        """{"type":"threads.create","params":{"input":{"content":[{"type":"input_video"}],"attachments":[],"inference_options":{}}}}""",
        """{"type":"threads.list","params":{"order":"ASC"}}""",
        """{"type":"items.feedback","params":{"thread_id":"t","item_ids":[],"kind":"meh"}}""",
        """{"type":"threads.update","params":{"thread_id":"t","title":null}}""",
        """{"type":"threads.get_by_id","params":{}}""",
        """{"type":"threads.add_structured_input","params":{"thread_id":"t","item_id":"i","input":{"answers":[]}}}""",
    };

    [Theory]
    [MemberData(nameof(OtherBadBodies))]
    public void No_error_names_a_dotnet_type(string body)
    {
        var error = Assert.Throws<ChatKitBadRequestException>(() => ChatKitRequestParser.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.DoesNotMatch(DotNetName(), error.Message);
        Assert.Contains("params", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_unknown_request_type_is_not_echoed()
    {
        var body = ("{\"type\":\"" + new string('q', 1_000_000) + "\",\"params\":{}}");
        var error = Assert.Throws<ChatKitBadRequestException>(() => ChatKitRequestParser.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.StartsWith("Unknown request type", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Message.Length, 1, 1000);
    }

    [GeneratedRegex(@"\b(ChatKit|System)\.[A-Za-z]")]
    private static partial Regex DotNetName();
}
