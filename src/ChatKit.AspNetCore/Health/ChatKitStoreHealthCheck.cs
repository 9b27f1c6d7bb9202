using ChatKit.Stores;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatKit.AspNetCore.Health;

/// <summary>Healthy when the configured ChatKit store answers its cheapest query; Unhealthy with the reason otherwise.</summary>
internal sealed class ChatKitStoreHealthCheck(IStoreProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The ChatKit store answers.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The ChatKit store does not answer: " + e.Message, e);
        }
    }
}
