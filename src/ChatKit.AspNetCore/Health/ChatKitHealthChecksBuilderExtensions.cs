using ChatKit.AspNetCore.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds ChatKit's health checks.</summary>
public static class ChatKitHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks that the store added with <c>AddChatKit&lt;TServer&gt;().AddSqliteStore()</c> (or another store) answers
    /// a cheap query. Map it with <c>app.MapHealthChecks("/health")</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name (default <c>chatkit-store</c>).</param>
    /// <param name="failureStatus">Reported when the store fails (default Unhealthy).</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>ready</c>).</param>
    /// <param name="timeout">How long the probe may take (default 5 seconds).</param>
    public static IHealthChecksBuilder AddChatKitStore(
        this IHealthChecksBuilder builder,
        string name = "chatkit-store",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name,
            static sp => ActivatorUtilities.CreateInstance<ChatKitStoreHealthCheck>(sp),
            failureStatus ?? HealthStatus.Unhealthy,
            tags,
            timeout ?? TimeSpan.FromSeconds(5)));
    }
}
