using ChatKit.Testing.FakeOpenAI;
using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Tests;

/// <summary>Real OpenAI SDK clients pointed at a <see cref="FakeOpenAIServer"/>, with retries off.</summary>
internal static class TestClients
{
    public const string Model = "gpt-test";

    public static IChatClient Create(FakeOpenAIServer server, OpenAIApiKind api, int maxRetries = 0) =>
        OpenAIChatClientFactory.Create(new OpenAIChatClientOptions
        {
            ApiKey = "test-key",
            Model = Model,
            BaseUrl = server.BaseUrl,
            Api = api,
            MaxRetries = maxRetries,
        });

    public static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates, CancellationToken cancellationToken = default)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            list.Add(update);
        }

        return list;
    }

    public static ChatMessage[] Hello => [new(ChatRole.User, "Hello")];

    /// <summary>A 30-second safety net so a hanging test fails instead of blocking the run.</summary>
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
