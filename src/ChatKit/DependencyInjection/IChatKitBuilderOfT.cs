namespace Microsoft.Extensions.DependencyInjection;

/// <summary>A ChatKit builder for one request context type: the stores it adds are stores of that context.</summary>
/// <typeparam name="TContext">The per-request context of the registered server.</typeparam>
public interface IChatKitBuilder<TContext> : IChatKitBuilder;
