using System.Text.Json;
using ChatKit.Json;
using ChatKit.Server;

namespace ChatKit.Tests.Json;

/// <summary>Properties missing from the JSON take their protocol defaults (docs/protocol.md §2.2, §3.4, §4, §5), never null.</summary>
public sealed class DefaultsTests
{
    private static T Event<T>(string json)
        where T : ThreadStreamEvent => Assert.IsType<T>(JsonSerializer.Deserialize(json, ChatKitJson.Wire.ThreadStreamEvent));

    private static T Item<T>(string json)
        where T : ThreadItem => Assert.IsType<T>(JsonSerializer.Deserialize(json, ChatKitJson.Storage.ThreadItem));

    private const string Common = "\"id\":\"i\",\"thread_id\":\"t\",\"created_at\":\"2025-06-01T12:00:00Z\"";

    [Fact]
    public void Stream_options_allow_cancel_defaults_to_true() =>
        Assert.True(Event<StreamOptionsEvent>("""{"type":"stream_options","stream_options":{}}""").StreamOptions.AllowCancel);

    [Fact]
    public void Error_code_defaults_to_custom_and_allow_retry_to_false()
    {
        var e = Event<ErrorEvent>("""{"type":"error"}""");
        Assert.Equal("custom", e.Code);
        Assert.False(e.AllowRetry);
    }

    [Fact]
    public void Client_effect_data_defaults_to_empty() =>
        Assert.Empty(Event<ClientEffectEvent>("""{"type":"client_effect","name":"x"}""").Data);

    [Fact]
    public void Thread_event_status_and_items_default()
    {
        var thread = Event<ThreadUpdatedEvent>("""{"type":"thread.updated","thread":{"id":"t","created_at":"2025-06-01T12:00:00Z"}}""").Thread;
        Assert.IsType<ActiveThreadStatus>(thread.Status);
        Assert.NotNull(thread.Items);
        Assert.Empty(thread.Items.Data);
    }

    [Fact]
    public void User_message_attachments_and_inference_options_default()
    {
        var item = Item<UserMessageItem>("{" + Common + ",\"type\":\"user_message\",\"content\":[]}");
        Assert.Empty(item.Attachments);
        Assert.NotNull(item.InferenceOptions);
    }

    [Fact]
    public void Tool_call_arguments_default_to_empty() =>
        Assert.Empty(Item<ClientToolCallItem>("{" + Common + ",\"type\":\"client_tool_call\",\"call_id\":\"c\",\"name\":\"n\"}").Arguments);

    [Fact]
    public void Structured_answer_values_default_to_empty()
    {
        var item = Item<StructuredInputItem>("{" + Common + ",\"type\":\"structured_input\",\"inputs\":[{\"id\":\"q\",\"question\":\"?\",\"type\":\"freeform\",\"answer\":{\"skipped\":true}}]}");
        Assert.Empty(item.Inputs[0].Answer!.Values);
    }

    [Fact]
    public void Entity_source_data_defaults_to_empty()
    {
        var source = Assert.IsType<EntitySource>(JsonSerializer.Deserialize("""{"type":"entity","title":"x","id":"e"}""", ChatKitJson.Wire.Source));
        Assert.Empty(source.Data);
        Assert.False(source.Interactive);
    }

    [Fact]
    public void Upload_descriptor_headers_default_to_empty()
    {
        var attachment = JsonSerializer.Deserialize("""{"type":"file","id":"a","name":"n","mime_type":"m","upload_descriptor":{"url":"https://x.example/","method":"PUT"}}""", ChatKitJson.Storage.Attachment)!;
        Assert.Empty(attachment.UploadDescriptor!.Headers);
    }

    [Fact]
    public void Structured_input_submission_defaults_to_answered_with_no_answers()
    {
        var request = Assert.IsType<ThreadsAddStructuredInputRequest>(ChatKitRequestParser.Parse("""{"type":"threads.add_structured_input","params":{"thread_id":"t","item_id":"i","input":{}}}"""u8));
        Assert.Equal(StructuredInputStatus.Answered, request.Params.Input.Status);
        Assert.Empty(request.Params.Input.Answers);
    }
}
