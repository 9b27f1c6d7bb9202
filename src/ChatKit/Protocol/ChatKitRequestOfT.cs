using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatKit;

/// <summary>
/// A request whose <c>params</c> are a <typeparamref name="TParams"/>: the type name, streaming flag and thread id
/// live here once, so each concrete request only names its wire type.
/// </summary>
/// <typeparam name="TParams">The parameters' type.</typeparam>
public abstract class ChatKitRequest<TParams> : ChatKitRequest
    where TParams : class
{
    private readonly string _type;
    private readonly bool _streaming;
    private readonly TParams _params = null!;

    private protected ChatKitRequest(string type, bool isStreaming)
    {
        _type = type;
        _streaming = isStreaming;
    }

    /// <inheritdoc />
    [JsonIgnore]
    public sealed override string Type => _type;

    /// <inheritdoc />
    [JsonIgnore]
    public sealed override bool IsStreaming => _streaming;

    /// <inheritdoc />
    [JsonIgnore]
    public sealed override string? ThreadId => (Params as IThreadParams)?.ThreadId;

    /// <summary>The parameters.</summary>
    /// <remarks>
    /// The serializer cannot see that a type parameter is non-nullable, so <c>"params": null</c> is refused here (the
    /// parser turns the exception into a 400).
    /// </remarks>
    public required TParams Params
    {
        get => _params;
        init => _params = value ?? throw new JsonException("'params' must be an object, not null.");
    }
}
