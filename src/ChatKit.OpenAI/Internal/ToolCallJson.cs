using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Internal;

/// <summary>JSON conversions for function-call arguments and function results.</summary>
internal static class ToolCallJson
{
    /// <summary>
    /// Creates a <see cref="FunctionCallContent"/> from the complete raw arguments text. When the text is not a JSON
    /// object, the content is still returned, with <see cref="FunctionCallContent.Exception"/> set to the parse error.
    /// </summary>
    public static FunctionCallContent CreateFunctionCall(string callId, string name, string? argumentsJson) =>
        FunctionCallContent.CreateFromParsedArguments(argumentsJson ?? string.Empty, callId, name, ParseArguments);

    /// <summary>Parses a JSON object into a dictionary whose values are detached <see cref="JsonElement"/>s.</summary>
    /// <exception cref="JsonException">The text is not valid JSON or not a JSON object.</exception>
    public static IDictionary<string, object?> ParseArguments(string argumentsJson)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(argumentsJson))
        {
            // Models send "" for parameterless functions.
            return arguments;
        }

        using var document = JsonDocument.Parse(argumentsJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Function arguments must be a JSON object, not {document.RootElement.ValueKind}.");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            arguments[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.Clone();
        }

        return arguments;
    }

    /// <summary>Serializes function-call arguments back to a JSON object.</summary>
    public static BinaryData SerializeArguments(IDictionary<string, object?>? arguments) =>
        arguments is null
            ? BinaryData.FromString("{}")
            : BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(
                arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));

    /// <summary>Renders a function result as the text the model receives.</summary>
    public static string SerializeResult(FunctionResultContent result) => result.Result switch
    {
        null when result.Exception is not null => $"Error: {result.Exception.Message}",
        null => string.Empty,
        string text => text,
        JsonElement element => element.GetRawText(),
        TextContent text => text.Text,
        var value => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
    };
}
