namespace ChatKit.OpenAI;

/// <summary>Which OpenAI API an <see cref="Microsoft.Extensions.AI.IChatClient"/> from <see cref="OpenAIChatClientFactory"/> talks to.</summary>
public enum OpenAIApiKind
{
    /// <summary>The Responses API (<c>POST /v1/responses</c>), through the official adapter. The default.</summary>
    Responses,

    /// <summary>The Chat Completions API (<c>POST /v1/chat/completions</c>), through the official adapter; the most widely implemented by OpenAI-compatible servers.</summary>
    ChatCompletions,
}
