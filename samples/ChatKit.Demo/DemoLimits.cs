using ChatKit.AspNetCore;
using ChatKit.Server;

namespace ChatKit.Demo;

/// <summary>
/// The demo faces the internet without sign-in, so every limit is on (see docs/reliability.md): the server's turn
/// and size limits from <c>ChatKit:Server</c> (any <see cref="ChatKitServerOptions"/> property), and the rate limiter
/// policy per user or IP from <c>ChatKit:RateLimiting</c> (<see cref="ChatKitRateLimitingOptions"/>).
/// </summary>
internal static class DemoLimits
{
    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatKitServerOptions>()
            .Configure(options => options.DeleteAttachmentsWithThread = true)
            .Bind(configuration.GetSection("ChatKit:Server"));
        services.AddChatKitRateLimiting();
        services.AddOptions<ChatKitRateLimitingOptions>().Bind(configuration.GetSection("ChatKit:RateLimiting"));
    }
}
