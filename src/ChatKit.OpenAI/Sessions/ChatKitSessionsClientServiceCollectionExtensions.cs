using ChatKit.OpenAI.Sessions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ChatKitSessionsClient"/>.</summary>
public static class ChatKitSessionsClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ChatKitSessionsClient"/> as a typed client of <see cref="IHttpClientFactory"/>, with
    /// <see cref="ChatKitSessionsOptions"/> bound from the <c>ChatKit:Hosted</c> configuration section (the API key
    /// falls back to <c>OPENAI_API_KEY</c>, the base URL to <c>OPENAI_BASE_URL</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Optional configuration applied after the configuration section.</param>
    /// <returns>The HTTP client builder, to add handlers or set the per-attempt timeout.</returns>
    public static IHttpClientBuilder AddChatKitSessionsClient(this IServiceCollection services, Action<ChatKitSessionsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ChatKitSessionsOptions>, ChatKitSessionsOptionsSetup>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        return services.AddHttpClient<ChatKitSessionsClient>();
    }
}
