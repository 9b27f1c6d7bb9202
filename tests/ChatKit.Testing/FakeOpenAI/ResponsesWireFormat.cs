using System.Text.Json.Nodes;

namespace ChatKit.Testing.FakeOpenAI;

/// <summary>Renders a <see cref="FakeReply"/> as OpenAI Responses API JSON / typed SSE events.</summary>
internal static class ResponsesWireFormat
{
    /// <summary>The streamed events, from <c>response.created</c> to <c>response.completed</c> (or <c>response.incomplete</c>).</summary>
    public static IReadOnlyList<SseEvent> Stream(FakeReply reply)
    {
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var events = new List<SseEvent>();
        var sequence = 0;

        void Add(string type, JsonObject payload)
        {
            payload["sequence_number"] = sequence++;
            events.Add(SseEvent.Typed(type, payload));
        }

        Add("response.created", new JsonObject { ["response"] = Response(reply, created, "in_progress", []) });
        Add("response.in_progress", new JsonObject { ["response"] = Response(reply, created, "in_progress", []) });

        var output = Output(reply);
        var outputIndex = 0;

        if (reply.Reasoning is not null)
        {
            var item = output[outputIndex];
            var id = (string)item["id"]!;
            Add("response.output_item.added", Item(outputIndex, new JsonObject { ["id"] = id, ["type"] = "reasoning", ["summary"] = new JsonArray() }));
            Add("response.reasoning_summary_part.added", new JsonObject
            {
                ["item_id"] = id, ["output_index"] = outputIndex, ["summary_index"] = 0,
                ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = "" },
            });
            foreach (var piece in FakeReply.Split(reply.Reasoning, reply.ReasoningChunks))
            {
                Add("response.reasoning_summary_text.delta", new JsonObject
                {
                    ["item_id"] = id, ["output_index"] = outputIndex, ["summary_index"] = 0, ["delta"] = piece,
                });
            }

            Add("response.reasoning_summary_text.done", new JsonObject
            {
                ["item_id"] = id, ["output_index"] = outputIndex, ["summary_index"] = 0, ["text"] = reply.Reasoning,
            });
            Add("response.reasoning_summary_part.done", new JsonObject
            {
                ["item_id"] = id, ["output_index"] = outputIndex, ["summary_index"] = 0,
                ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = reply.Reasoning },
            });
            Add("response.output_item.done", Item(outputIndex, item));
            outputIndex++;
        }

        if (reply.Text is not null)
        {
            var item = output[outputIndex];
            var id = (string)item["id"]!;
            Add("response.output_item.added", Item(outputIndex, new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["status"] = "in_progress", ["role"] = "assistant", ["content"] = new JsonArray(),
            }));
            Add("response.content_part.added", new JsonObject
            {
                ["item_id"] = id, ["output_index"] = outputIndex, ["content_index"] = 0,
                ["part"] = new JsonObject { ["type"] = "output_text", ["text"] = "", ["annotations"] = new JsonArray(), ["logprobs"] = new JsonArray() },
            });
            foreach (var piece in FakeReply.Split(reply.Text, reply.TextChunks))
            {
                Add("response.output_text.delta", new JsonObject
                {
                    ["item_id"] = id, ["output_index"] = outputIndex, ["content_index"] = 0, ["delta"] = piece, ["logprobs"] = new JsonArray(),
                });
            }

            for (var i = 0; i < reply.Citations.Count; i++)
            {
                Add("response.output_text.annotation.added", new JsonObject
                {
                    ["item_id"] = id, ["output_index"] = outputIndex, ["content_index"] = 0, ["annotation_index"] = i,
                    ["annotation"] = Citation(reply.Citations[i]),
                });
            }

            Add("response.output_text.done", new JsonObject
            {
                ["item_id"] = id, ["output_index"] = outputIndex, ["content_index"] = 0, ["text"] = reply.Text, ["logprobs"] = new JsonArray(),
            });
            Add("response.content_part.done", new JsonObject
            {
                ["item_id"] = id, ["output_index"] = outputIndex, ["content_index"] = 0,
                ["part"] = item["content"]![0]!.DeepClone(),
            });
            Add("response.output_item.done", Item(outputIndex, item));
            outputIndex++;
        }

        if (reply.GeneratedImageBase64 is not null)
        {
            var item = output[outputIndex];
            Add("response.output_item.added", Item(outputIndex, new JsonObject
            {
                ["id"] = item["id"]!.DeepClone(), ["type"] = "image_generation_call", ["status"] = "in_progress", ["result"] = null,
            }));
            Add("response.output_item.done", Item(outputIndex, item));
            outputIndex++;
        }

        foreach (var call in reply.ToolCalls)
        {
            var item = output[outputIndex];
            var id = (string)item["id"]!;
            Add("response.output_item.added", Item(outputIndex, new JsonObject
            {
                ["id"] = id, ["type"] = "function_call", ["status"] = "in_progress",
                ["call_id"] = call.CallId, ["name"] = call.Name, ["arguments"] = "",
            }));
            foreach (var piece in FakeReply.Split(call.ArgumentsJson, call.Chunks))
            {
                Add("response.function_call_arguments.delta", new JsonObject
                {
                    ["item_id"] = id, ["output_index"] = outputIndex, ["delta"] = piece,
                });
            }

            Add("response.function_call_arguments.done", new JsonObject
            {
                ["item_id"] = id, ["output_index"] = outputIndex, ["arguments"] = call.ArgumentsJson,
            });
            Add("response.output_item.done", Item(outputIndex, item));
            outputIndex++;
        }

        if (reply.StreamError is { } error)
        {
            var failed = Response(reply, created, "failed", Output(reply));
            failed["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
            Add("response.failed", new JsonObject { ["response"] = failed });
            return events;
        }

        var final = Complete(reply, created);
        var finalType = (string)final["status"]! == "incomplete" ? "response.incomplete" : "response.completed";
        Add(finalType, new JsonObject { ["response"] = final });
        return events;
    }

    /// <summary>The non-streamed <c>response</c> object.</summary>
    public static JsonObject Complete(FakeReply reply) => Complete(reply, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static JsonObject Complete(FakeReply reply, long created)
    {
        var incompleteReason = reply.EffectiveFinishReason switch
        {
            "length" => "max_output_tokens",
            "content_filter" => "content_filter",
            _ => null,
        };
        var response = Response(reply, created, incompleteReason is null ? "completed" : "incomplete", Output(reply));
        if (incompleteReason is not null)
        {
            response["incomplete_details"] = new JsonObject { ["reason"] = incompleteReason };
        }

        if (reply.Usage is { } usage)
        {
            response["usage"] = new JsonObject
            {
                ["input_tokens"] = usage.InputTokens,
                ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.CachedInputTokens },
                ["output_tokens"] = usage.OutputTokens,
                ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage.ReasoningTokens },
                ["total_tokens"] = usage.TotalTokens,
            };
        }

        return response;
    }

    private static JsonObject Item(int outputIndex, JsonObject item) =>
        new() { ["output_index"] = outputIndex, ["item"] = item.DeepClone() };

    private static JsonObject Citation(FakeCitation citation) => new()
    {
        ["type"] = "url_citation",
        ["start_index"] = citation.StartIndex,
        ["end_index"] = citation.EndIndex,
        ["url"] = citation.Url,
        ["title"] = citation.Title,
    };

    /// <summary>The completed output items, in order: reasoning, message, generated image, function calls.</summary>
    private static List<JsonObject> Output(FakeReply reply)
    {
        var items = new List<JsonObject>();
        if (reply.Reasoning is not null)
        {
            items.Add(new JsonObject
            {
                ["id"] = "rs_" + reply.Id,
                ["type"] = "reasoning",
                ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = reply.Reasoning }),
            });
        }

        if (reply.Text is not null)
        {
            items.Add(new JsonObject
            {
                ["id"] = "msg_" + reply.Id,
                ["type"] = "message",
                ["status"] = "completed",
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject
                {
                    ["type"] = "output_text",
                    ["text"] = reply.Text,
                    ["annotations"] = new JsonArray(reply.Citations.Select(c => (JsonNode)Citation(c)).ToArray()),
                    ["logprobs"] = new JsonArray(),
                }),
            });
        }

        if (reply.GeneratedImageBase64 is { } image)
        {
            items.Add(new JsonObject
            {
                ["id"] = "ig_" + reply.Id,
                ["type"] = "image_generation_call",
                ["status"] = "completed",
                ["result"] = image,
            });
        }

        for (var i = 0; i < reply.ToolCalls.Count; i++)
        {
            var call = reply.ToolCalls[i];
            items.Add(new JsonObject
            {
                ["id"] = $"fc_{i}_{reply.Id}",
                ["type"] = "function_call",
                ["status"] = "completed",
                ["call_id"] = call.CallId,
                ["name"] = call.Name,
                ["arguments"] = call.ArgumentsJson,
            });
        }

        return items;
    }

    private static JsonObject Response(FakeReply reply, long created, string status, IEnumerable<JsonObject> output) => new()
    {
        ["id"] = reply.Id,
        ["object"] = "response",
        ["created_at"] = created,
        ["status"] = status,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["instructions"] = null,
        ["max_output_tokens"] = null,
        ["model"] = reply.Model,
        ["output"] = new JsonArray(output.Select(o => (JsonNode)o.DeepClone()).ToArray()),
        ["parallel_tool_calls"] = true,
        ["previous_response_id"] = null,
        ["reasoning"] = new JsonObject { ["effort"] = null, ["summary"] = null },
        ["store"] = false,
        ["temperature"] = 1.0,
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" } },
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["top_p"] = 1.0,
        ["truncation"] = "disabled",
        ["usage"] = null,
        ["metadata"] = new JsonObject(),
    };
}
