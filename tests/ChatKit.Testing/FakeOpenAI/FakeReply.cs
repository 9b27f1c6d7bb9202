namespace ChatKit.Testing.FakeOpenAI;

/// <summary>
/// One scripted model turn the <see cref="FakeOpenAIServer"/> plays back. The same script is rendered in the
/// wire format of whichever endpoint is called (Chat Completions or Responses), streamed as SSE when the request
/// asks for <c>"stream": true</c> and as a single JSON body otherwise.
/// </summary>
/// <example><code>
/// server.Enqueue(FakeReply.WithText("Hello there", chunks: 3).WithUsage(10, 3));
/// server.Enqueue(FakeReply.WithToolCall("call_1", "get_weather", """{"city":"Paris"}""", chunks: 4));
/// server.Enqueue(FakeReply.Failing(429, "rate_limit_exceeded", "Slow down", retryAfterSeconds: 1));
/// </code></example>
public sealed class FakeReply
{
    private readonly List<FakeToolCall> _toolCalls = [];
    private readonly List<FakeCitation> _citations = [];

    /// <summary>The reply text, or <see langword="null"/> for none.</summary>
    public string? Text { get; private set; }

    /// <summary>Number of streamed pieces the text is split into.</summary>
    public int TextChunks { get; private set; } = 1;

    /// <summary>Reasoning text (Responses: reasoning summary; Chat Completions: <c>reasoning_content</c>).</summary>
    public string? Reasoning { get; private set; }

    /// <summary>Number of streamed pieces the reasoning is split into.</summary>
    public int ReasoningChunks { get; private set; } = 1;

    /// <summary>Function calls, in output order.</summary>
    public IReadOnlyList<FakeToolCall> ToolCalls => _toolCalls;

    /// <summary>Base64 PNG of an image the Responses <c>image_generation</c> tool produced, or <see langword="null"/> for none (Chat Completions has no such output).</summary>
    public string? GeneratedImageBase64 { get; private set; }

    /// <summary>URL citations over <see cref="Text"/>.</summary>
    public IReadOnlyList<FakeCitation> Citations => _citations;

    /// <summary>Usage to report, or <see langword="null"/> for none.</summary>
    public FakeUsage? Usage { get; private set; }

    /// <summary>The finish reason; defaults to <c>tool_calls</c> when there are tool calls, else <c>stop</c>.</summary>
    public string? FinishReason { get; private set; }

    /// <summary>The model name echoed back.</summary>
    public string Model { get; private set; } = "fake-model";

    /// <summary>The completion / response id; a fresh one is generated when not set.</summary>
    public string Id { get; private set; } = "fake_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>When set, the server answers with this HTTP error instead of a completion.</summary>
    public FakeError? Error { get; private set; }

    /// <summary>Chat Completions quirk of some compatible servers: every streamed tool call uses <c>index: 0</c>.</summary>
    public bool ToolCallsShareIndex { get; private set; }

    /// <summary>When set, a streamed reply is cut (connection aborted, shortly after the last event is flushed) after this many SSE events.</summary>
    public int? AbortAfterEvents { get; private set; }

    /// <summary>Delay before each streamed SSE event (after the first).</summary>
    public TimeSpan EventDelay { get; private set; }

    /// <summary>
    /// When set, the stream reports this error in-band instead of finishing: Responses sends <c>response.failed</c>;
    /// Chat Completions sends a <c>data: {"error": ...}</c> chunk and ends.
    /// </summary>
    public FakeError? StreamError { get; private set; }

    /// <summary>When set, a streamed reply ends normally (no abort, no terminal event) after this many SSE events.</summary>
    public int? EndAfterEvents { get; private set; }

    /// <summary>When set, the stream pauses for <see cref="StallDuration"/> after this many SSE events.</summary>
    public int? StallAfterEvents { get; private set; }

    /// <summary>How long the stream pauses at <see cref="StallAfterEvents"/>.</summary>
    public TimeSpan StallDuration { get; private set; }

    /// <summary>Starts a reply whose text is streamed in <paramref name="chunks"/> pieces.</summary>
    public static FakeReply WithText(string text, int chunks = 1) => new FakeReply().AndText(text, chunks);

    /// <summary>Starts a reply that calls one function.</summary>
    public static FakeReply WithToolCall(string callId, string name, string argumentsJson, int chunks = 1) =>
        new FakeReply().AndToolCall(callId, name, argumentsJson, chunks);

    /// <summary>Starts a reply that fails with an HTTP error and an OpenAI-style JSON error body.</summary>
    public static FakeReply Failing(int statusCode, string code, string message, int? retryAfterSeconds = null) =>
        new() { Error = new FakeError(statusCode, code, message, retryAfterSeconds) };

    /// <summary>Sets the reply text, split into <paramref name="chunks"/> streamed pieces.</summary>
    public FakeReply AndText(string text, int chunks = 1)
    {
        Text = text;
        TextChunks = Math.Max(1, chunks);
        return this;
    }

    /// <summary>Adds reasoning, emitted before the text.</summary>
    public FakeReply AndReasoning(string reasoning, int chunks = 1)
    {
        Reasoning = reasoning;
        ReasoningChunks = Math.Max(1, chunks);
        return this;
    }

    /// <summary>Adds a function call (several calls model parallel tool calls).</summary>
    public FakeReply AndToolCall(string callId, string name, string argumentsJson, int chunks = 1)
    {
        _toolCalls.Add(new FakeToolCall(callId, name, argumentsJson, Math.Max(1, chunks)));
        return this;
    }

    /// <summary>Adds a URL citation over the text span [<paramref name="startIndex"/>, <paramref name="endIndex"/>).</summary>
    public FakeReply AndCitation(string url, string title, int startIndex, int endIndex)
    {
        _citations.Add(new FakeCitation(url, title, startIndex, endIndex));
        return this;
    }

    /// <summary>Adds an <c>image_generation_call</c> output item (Responses only) whose result is <paramref name="png"/>.</summary>
    public FakeReply AndGeneratedImage(byte[] png)
    {
        GeneratedImageBase64 = Convert.ToBase64String(png);
        return this;
    }

    /// <summary>Reports token usage.</summary>
    public FakeReply AndUsage(int inputTokens, int outputTokens, int reasoningTokens = 0, int cachedInputTokens = 0)
    {
        Usage = new FakeUsage(inputTokens, outputTokens, reasoningTokens, cachedInputTokens);
        return this;
    }

    /// <summary>Overrides the finish reason (e.g. <c>length</c>).</summary>
    public FakeReply AndFinishReason(string finishReason)
    {
        FinishReason = finishReason;
        return this;
    }

    /// <summary>Sets the model name echoed back.</summary>
    public FakeReply AndModel(string model)
    {
        Model = model;
        return this;
    }

    /// <summary>Sets the completion / response id.</summary>
    public FakeReply AndId(string id)
    {
        Id = id;
        return this;
    }

    /// <summary>Streams every Chat Completions tool call with <c>index: 0</c>, as some compatible servers do.</summary>
    public FakeReply AndToolCallsSharingIndexZero()
    {
        ToolCallsShareIndex = true;
        return this;
    }

    /// <summary>Aborts the connection after <paramref name="events"/> streamed SSE events.</summary>
    public FakeReply AndAbortAfter(int events)
    {
        AbortAfterEvents = events;
        return this;
    }

    /// <summary>Makes the stream fail in-band (HTTP 200) after the content, with <paramref name="code"/> and <paramref name="message"/>.</summary>
    public FakeReply AndStreamError(string code, string message)
    {
        StreamError = new FakeError(200, code, message);
        return this;
    }

    /// <summary>Ends the stream cleanly after <paramref name="events"/> SSE events, as a misbehaving server would (no <c>[DONE]</c> / <c>response.completed</c>).</summary>
    public FakeReply AndEndAfter(int events)
    {
        EndAfterEvents = events;
        return this;
    }

    /// <summary>Pauses the stream for <paramref name="duration"/> after <paramref name="afterEvents"/> SSE events (e.g. to test cancellation).</summary>
    public FakeReply AndStall(int afterEvents, TimeSpan duration)
    {
        StallAfterEvents = afterEvents;
        StallDuration = duration;
        return this;
    }

    /// <summary>Waits <paramref name="delay"/> before each streamed SSE event after the first.</summary>
    public FakeReply AndEventDelay(TimeSpan delay)
    {
        EventDelay = delay;
        return this;
    }

    /// <summary>The effective finish reason in Chat Completions terms.</summary>
    internal string EffectiveFinishReason => FinishReason ?? (_toolCalls.Count > 0 ? "tool_calls" : "stop");

    /// <summary>Splits <paramref name="text"/> into <paramref name="chunks"/> non-empty pieces (fewer if it is shorter).</summary>
    internal static IReadOnlyList<string> Split(string text, int chunks)
    {
        if (text.Length == 0)
        {
            return [""];
        }

        var count = Math.Min(chunks, text.Length);
        var pieces = new List<string>(count);
        var size = text.Length / count;
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            var length = i == count - 1 ? text.Length - start : size;
            pieces.Add(text.Substring(start, length));
            start += length;
        }

        return pieces;
    }
}
