namespace ChatKit.Testing.FakeOpenAI;

/// <summary>A function call the fake model makes; its arguments are streamed in <see cref="Chunks"/> pieces.</summary>
/// <param name="CallId">The call id (<c>call_...</c>).</param>
/// <param name="Name">The function name.</param>
/// <param name="ArgumentsJson">The raw arguments text, sent verbatim (it may be deliberately invalid JSON).</param>
/// <param name="Chunks">How many streamed pieces the arguments are split into.</param>
public sealed record FakeToolCall(string CallId, string Name, string ArgumentsJson, int Chunks = 1);

/// <summary>A <c>url_citation</c> annotation over the reply text.</summary>
/// <param name="Url">The cited URL.</param>
/// <param name="Title">The cited page title.</param>
/// <param name="StartIndex">Start of the cited span in the reply text.</param>
/// <param name="EndIndex">End (exclusive) of the cited span in the reply text.</param>
public sealed record FakeCitation(string Url, string Title, int StartIndex, int EndIndex);

/// <summary>Token usage the fake reports.</summary>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="ReasoningTokens">Reasoning tokens (part of <paramref name="OutputTokens"/>).</param>
/// <param name="CachedInputTokens">Cached prompt tokens.</param>
public sealed record FakeUsage(int InputTokens, int OutputTokens, int ReasoningTokens = 0, int CachedInputTokens = 0)
{
    /// <summary>Input plus output tokens.</summary>
    public int TotalTokens => InputTokens + OutputTokens;
}

/// <summary>A scripted HTTP error reply.</summary>
/// <param name="StatusCode">HTTP status, e.g. 429.</param>
/// <param name="Code">OpenAI error code, e.g. <c>rate_limit_exceeded</c>.</param>
/// <param name="Message">Error message.</param>
/// <param name="RetryAfterSeconds">Value of the <c>retry-after</c> header, if any.</param>
public sealed record FakeError(int StatusCode, string Code, string Message, int? RetryAfterSeconds = null);
