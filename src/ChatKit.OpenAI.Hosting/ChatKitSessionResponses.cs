using Microsoft.AspNetCore.Http;

namespace ChatKit.OpenAI.Hosting;

/// <summary>Writes the session endpoint's responses; every one is marked not cacheable.</summary>
internal static class ChatKitSessionResponses
{
    public static Task WriteSecretAsync(HttpContext context, string clientSecret, long expiresAt, CancellationToken cancellationToken)
    {
        NoStore(context.Response);
        context.Response.StatusCode = StatusCodes.Status200OK;
        return context.Response.WriteAsJsonAsync(new ChatKitClientSecretResponse(clientSecret, expiresAt), ChatKitHostedJsonContext.Default.ChatKitClientSecretResponse, contentType: null, cancellationToken);
    }

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string error, string message, CancellationToken cancellationToken)
    {
        NoStore(context.Response);
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(new ChatKitSessionError(error, message), ChatKitHostedJsonContext.Default.ChatKitSessionError, contentType: null, cancellationToken);
    }

    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
