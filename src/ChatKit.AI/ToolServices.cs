namespace ChatKit.AI;

/// <summary>Services of a tool call: its ChatKit context first, then the host's services.</summary>
internal sealed class ToolServices(ChatKitToolContext context, IServiceProvider? inner) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType.IsInstanceOfType(context) ? context : inner?.GetService(serviceType);
}
