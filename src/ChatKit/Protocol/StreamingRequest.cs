namespace ChatKit;

/// <summary>A request answered with a Server-Sent Events stream.</summary>
/// <typeparam name="TParams">The parameters' type.</typeparam>
public abstract class StreamingRequest<TParams> : ChatKitRequest<TParams>
    where TParams : class
{
    private protected StreamingRequest(string type)
        : base(type, isStreaming: true)
    {
    }
}
