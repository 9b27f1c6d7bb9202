using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>The model reported an error inside its response stream (<see cref="ErrorContent"/>).</summary>
public sealed class ChatModelErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChatModelErrorException(ErrorContent error)
        : base(error?.Message ?? "The model reported an error.")
    {
        Error = error;
    }

    /// <summary>The error content the model sent.</summary>
    public ErrorContent? Error { get; }
}
