namespace Microsoft.Extensions.DependencyInjection;

internal sealed class ChatKitBuilder<TContext>(IServiceCollection services) : IChatKitBuilder<TContext>
{
    public IServiceCollection Services { get; } = services ?? throw new ArgumentNullException(nameof(services));
}
