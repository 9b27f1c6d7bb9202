using Microsoft.AspNetCore.Http;

namespace ChatKit.AspNetCore;

/// <summary>Builds the per-request context handed to the ChatKit server and its store.</summary>
/// <typeparam name="TContext">The context type.</typeparam>
public interface IChatKitContextFactory<TContext>
{
    /// <summary>Creates the context for a request, or throws <see cref="ChatKitException"/> (e.g. 401) to reject it.</summary>
    ValueTask<TContext> CreateAsync(HttpContext httpContext, CancellationToken cancellationToken);
}
