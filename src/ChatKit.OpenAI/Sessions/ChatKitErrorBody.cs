using System.Text.Json;

namespace ChatKit.OpenAI.Sessions;

/// <summary>Tolerant reader of the OpenAI error envelope <c>{"error": {"message", "type", "code", "param"}}</c>.</summary>
internal readonly record struct ChatKitErrorBody(string? Type, string? Code, string? Message)
{
    public static ChatKitErrorBody Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            var error = document.RootElement.TryGetProperty("error", out var inner) && inner.ValueKind == JsonValueKind.Object
                ? inner
                : document.RootElement;
            return new ChatKitErrorBody(Text(error, "type"), Text(error, "code"), Text(error, "message"));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
