using System.Net;
using ChatKit.AspNetCore.Security;
using ChatKit.OpenAI.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatKit.OpenAI.Hosting;

/// <summary>
/// The request handlers of <c>MapChatKitSessions</c>. Both create a fresh session for the request's server-side user
/// and return <c>{ "client_secret", "expires_at" }</c>; refresh is the same operation reached from ChatKit.js's
/// <c>getClientSecret(currentClientSecret)</c>, and ignores whatever the browser sends (the old secret included).
/// </summary>
internal static class ChatKitSessionEndpoint
{
    private const string LoggerCategory = "ChatKit.OpenAI.Hosting.ChatKitSessionEndpoint";

    public static Task CreateAsync(HttpContext context) => HandleAsync(context, refresh: false);

    public static Task RefreshAsync(HttpContext context) => HandleAsync(context, refresh: true);

    private static async Task HandleAsync(HttpContext context, bool refresh)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        var cancellationToken = context.RequestAborted;

        try
        {
            if (!context.Items.ContainsKey(ChatKitSessionRateLimiterPolicy.AppliedMarker))
            {
                // Without the rate limiter middleware anyone could mint secrets (and spend the quota) without limit.
                ChatKitSessionEndpointLog.RateLimiterMissing(logger);
                await ChatKitSessionResponses.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "not_configured", "The chat service is not configured.", cancellationToken).ConfigureAwait(false);
                return;
            }

            if (!services.GetRequiredService<ChatKitPublicOrigin>().AllowsOriginOf(context.Request))
            {
                // Another site posting with the user's cookies could not read the secret, but would spend the user's
                // quota (and mint an anonymous identity): refused before anything happens.
                ChatKitSessionEndpointLog.CrossSiteRefused(logger);
                await ChatKitSessionResponses.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "cross_site_request", "Requests from another site are not allowed.", cancellationToken).ConfigureAwait(false);
                return;
            }

            var options = services.GetRequiredService<IOptionsMonitor<ChatKitHostedOptions>>().CurrentValue;
            if (string.IsNullOrWhiteSpace(options.WorkflowId))
            {
                ChatKitSessionEndpointLog.MissingWorkflow(logger);
                await ChatKitSessionResponses.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "not_configured", "The chat service is not configured.", cancellationToken).ConfigureAwait(false);
                return;
            }

            var userId = services.GetRequiredService<ChatKitSessionUsers>().ResolveOrIssue(context, options);
            if (userId is null)
            {
                ChatKitSessionEndpointLog.NoUser(logger);
                await ChatKitSessionResponses.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthenticated", "Sign in to chat.", cancellationToken).ConfigureAwait(false);
                return;
            }

            var request = ChatKitSessionRequestFactory.Create(options, userId);
            if (options.ConfigureSession is { } configureSession)
            {
                await configureSession(context, request, cancellationToken).ConfigureAwait(false);
                request.User = userId;
            }

            var client = services.GetRequiredService<ChatKitSessionsClient>();
            var session = await client.CreateSessionAsync(request, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(session.ClientSecret))
            {
                throw new ChatKitInvalidResponseException(HttpStatusCode.OK, null, null);
            }

            ChatKitSessionEndpointLog.SessionCreated(logger, session.Id, refresh, session.ExpiresAtTime);
            await ChatKitSessionResponses.WriteSecretAsync(context, session.ClientSecret, session.ExpiresAt, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser went away; there is nobody to answer.
        }
        catch (ChatKitApiException ex) when (ex.IsRateLimited)
        {
            var options = services.GetRequiredService<IOptionsMonitor<ChatKitHostedOptions>>().CurrentValue;
            var retryAfter = Math.Max(1, (long)Math.Ceiling((ex.RetryAfter ?? options.UpstreamBusyRetryAfter).TotalSeconds));
            ChatKitSessionEndpointLog.UpstreamRateLimited(logger, ex.StatusCode, ex.RequestId, retryAfter);
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ChatKitSessionResponses.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "busy", "The chat service is busy; try again shortly.", cancellationToken).ConfigureAwait(false);
        }
        catch (ChatKitApiException ex)
        {
            // 4xx is almost always our configuration (key, workflow id, version); 5xx survived the retries. Either way
            // the browser learns nothing about it: the details are in the log.
            ChatKitSessionEndpointLog.UpstreamRejected(logger, ex.StatusCode, ex.ErrorType, ex.ErrorCode, ex.RequestId);
            await ChatKitSessionResponses.WriteErrorAsync(context, StatusCodes.Status502BadGateway, "upstream_error", "The chat service is unavailable.", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ChatKitInvalidResponseException or HttpRequestException or OperationCanceledException)
        {
            ChatKitSessionEndpointLog.UpstreamFailed(logger, ex);
            await ChatKitSessionResponses.WriteErrorAsync(context, StatusCodes.Status502BadGateway, "upstream_error", "The chat service is unavailable.", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            ChatKitSessionEndpointLog.Failed(logger, ex);
            await ChatKitSessionResponses.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internal_error", "The chat service failed.", cancellationToken).ConfigureAwait(false);
        }
    }
}
