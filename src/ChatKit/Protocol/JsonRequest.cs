namespace ChatKit;

/// <summary>A request answered with one JSON body.</summary>
/// <typeparam name="TParams">The parameters' type.</typeparam>
public abstract class JsonRequest<TParams> : ChatKitRequest<TParams>
    where TParams : class
{
    private protected JsonRequest(string type)
        : base(type, isStreaming: false)
    {
    }
}
