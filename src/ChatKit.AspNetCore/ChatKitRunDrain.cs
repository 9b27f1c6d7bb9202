using ChatKit.Server;
using Microsoft.Extensions.Hosting;

namespace ChatKit.AspNetCore;

/// <summary>
/// When the application stops, gives the server's runs <see cref="ChatKitServerOptions.RunDrainTimeout"/> to end,
/// then stops the rest cleanly (<see cref="ChatKitServer{TContext}.DrainRunsAsync"/>): a rolling deploy then loses no
/// reply that could finish, and the followers of a stopped one end at once instead of waiting out a lease.
/// </summary>
internal sealed class ChatKitRunDrain<TContext>(ChatKitServer<TContext> server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => server.DrainRunsAsync(server.Options.RunDrainTimeout, cancellationToken);
}
