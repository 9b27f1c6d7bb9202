using System.Text.Json.Nodes;

namespace ChatKit.Testing.FakeOpenAI;

/// <summary>Renders a <see cref="FakeReply"/> as OpenAI Chat Completions JSON / SSE chunks.</summary>
internal static class ChatCompletionsWireFormat
{
    /// <summary>The streamed chunks, ending with <c>data: [DONE]</c>.</summary>
    public static IReadOnlyList<SseEvent> Stream(FakeReply reply, bool includeUsage)
    {
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var events = new List<SseEvent>();

        void Add(JsonObject delta, string? finishReason = null) =>
            events.Add(new SseEvent(null, Chunk(reply, created,
                new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["delta"] = delta,
                    ["logprobs"] = null,
                    ["finish_reason"] = finishReason,
                })).ToJsonString()));

        Add(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null });

        if (reply.Reasoning is not null)
        {
            foreach (var piece in FakeReply.Split(reply.Reasoning, reply.ReasoningChunks))
            {
                Add(new JsonObject { ["reasoning_content"] = piece });
            }
        }

        if (reply.Text is not null)
        {
            foreach (var piece in FakeReply.Split(reply.Text, reply.TextChunks))
            {
                Add(new JsonObject { ["content"] = piece });
            }
        }

        for (var i = 0; i < reply.ToolCalls.Count; i++)
        {
            var call = reply.ToolCalls[i];
            var index = reply.ToolCallsShareIndex ? 0 : i;
            Add(new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = index,
                    ["id"] = call.CallId,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
                }),
            });
            foreach (var piece in FakeReply.Split(call.ArgumentsJson, call.Chunks))
            {
                Add(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["index"] = index,
                        ["function"] = new JsonObject { ["arguments"] = piece },
                    }),
                });
            }
        }

        if (reply.StreamError is { } error)
        {
            events.Add(new SseEvent(null, new JsonObject
            {
                ["error"] = new JsonObject { ["message"] = error.Message, ["type"] = "server_error", ["param"] = null, ["code"] = error.Code },
            }.ToJsonString()));
            return events;
        }

        Add(new JsonObject(), reply.EffectiveFinishReason);

        if (includeUsage && reply.Usage is not null)
        {
            var usageChunk = Chunk(reply, created, new JsonArray());
            usageChunk["usage"] = Usage(reply.Usage);
            events.Add(new SseEvent(null, usageChunk.ToJsonString()));
        }

        events.Add(new SseEvent(null, "[DONE]"));
        return events;
    }

    /// <summary>The non-streamed <c>chat.completion</c> body.</summary>
    public static JsonObject Complete(FakeReply reply)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = reply.Text,
            ["refusal"] = null,
        };
        if (reply.Reasoning is not null)
        {
            message["reasoning_content"] = reply.Reasoning;
        }

        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray(reply.ToolCalls.Select(call => (JsonNode)new JsonObject
            {
                ["id"] = call.CallId,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
            }).ToArray());
        }

        if (reply.Citations.Count > 0)
        {
            message["annotations"] = new JsonArray(reply.Citations.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = "url_citation",
                ["url_citation"] = new JsonObject
                {
                    ["start_index"] = c.StartIndex,
                    ["end_index"] = c.EndIndex,
                    ["url"] = c.Url,
                    ["title"] = c.Title,
                },
            }).ToArray());
        }

        var body = new JsonObject
        {
            ["id"] = reply.Id,
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = reply.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = reply.EffectiveFinishReason,
            }),
        };
        if (reply.Usage is not null)
        {
            body["usage"] = Usage(reply.Usage);
        }

        return body;
    }

    private static JsonObject Chunk(FakeReply reply, long created, JsonArray choices) => new()
    {
        ["id"] = reply.Id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = reply.Model,
        ["system_fingerprint"] = "fp_fake",
        ["choices"] = choices,
    };

    private static JsonObject Usage(FakeUsage usage) => new()
    {
        ["prompt_tokens"] = usage.InputTokens,
        ["completion_tokens"] = usage.OutputTokens,
        ["total_tokens"] = usage.TotalTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.CachedInputTokens, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject
        {
            ["reasoning_tokens"] = usage.ReasoningTokens,
            ["audio_tokens"] = 0,
            ["accepted_prediction_tokens"] = 0,
            ["rejected_prediction_tokens"] = 0,
        },
    };
}
