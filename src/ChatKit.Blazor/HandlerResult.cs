using System.Text.Json.Nodes;

namespace ChatKit.Blazor;

/// <summary>
/// What a C# handler hands back to the script: its JSON value, or the message of the exception it threw. Exceptions
/// are caught in C# because Blazor Server hides their messages from JavaScript, and the element reports the message
/// (a failing client tool sends <c>{"error": message}</c> to the server, as ChatKit.js does).
/// </summary>
/// <param name="Value">The handler's result.</param>
/// <param name="Error">The exception message when the handler failed.</param>
internal sealed record HandlerResult(JsonNode? Value, string? Error = null);
