using System.Text;
using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Internal;

/// <summary>Accumulates one streamed function call (id, name, argument fragments) until it is complete.</summary>
internal sealed class FunctionCallAccumulator
{
    private readonly StringBuilder _arguments = new();

    /// <summary>The call id, once known.</summary>
    public string? CallId { get; set; }

    /// <summary>The function name, once known.</summary>
    public string? Name { get; set; }

    /// <summary>Appends an argument fragment.</summary>
    public void Append(string? fragment) => _arguments.Append(fragment);

    /// <summary>The complete call; <see cref="FunctionCallContent.Exception"/> is set if the arguments are not a JSON object.</summary>
    public FunctionCallContent Build(string? completeArguments = null) =>
        ToolCallJson.CreateFunctionCall(CallId ?? string.Empty, Name ?? string.Empty, completeArguments ?? _arguments.ToString());
}
