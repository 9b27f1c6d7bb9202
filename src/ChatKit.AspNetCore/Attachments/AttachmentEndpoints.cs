using System.Text.Json;
using ChatKit.AspNetCore.Security;
using ChatKit.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace ChatKit.AspNetCore.Attachments;

/// <summary>The upload and preview endpoints of <see cref="DiskAttachmentStore{TContext}"/>.</summary>
public static class AttachmentEndpoints
{
    private const int MultipartOverhead = 64 * 1024;

    /// <summary>
    /// Maps, below the ChatKit group: <c>POST upload</c> (direct strategy), <c>POST|PUT upload/{id}</c> (two-phase,
    /// signed URL) and <c>GET attachments/{id}/preview</c> (images). Needs a registered
    /// <see cref="DiskAttachmentStore{TContext}"/> (see <c>AddDiskAttachments</c>).
    /// </summary>
    public static RouteGroupBuilder MapChatKitAttachments<TContext>(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPost("/upload", (RequestDelegate)UploadDirectAsync<TContext>).WithDisplayName("ChatKit direct upload").DisableAntiforgery();
        group.MapMethods("/upload/{id}", ["POST", "PUT"], (RequestDelegate)UploadSignedAsync<TContext>).WithDisplayName("ChatKit two-phase upload").DisableAntiforgery();
        group.MapGet("/attachments/{id}/preview", (RequestDelegate)PreviewAsync<TContext>).WithDisplayName("ChatKit attachment preview");
        return group;
    }

    private static Task UploadDirectAsync<TContext>(HttpContext http) =>
        RunAsync<TContext>(http, async (store, context) =>
        {
            // Before the body is read: an untrusted Host is refused without taking the upload.
            var baseUrl = http.RequestServices.GetRequiredService<ChatKitPublicOrigin>().Url(http.Request, ChatKitPath(http.Request.Path, "/upload"));
            var file = await ReadFileAsync(http, store.Options).ConfigureAwait(false);
            await using var stream = file.OpenReadStream();
            var attachment = await store.StoreUploadAsync(stream, file.FileName, file.ContentType, context, baseUrl, http.RequestAborted).ConfigureAwait(false);
            await WriteAttachmentAsync(http, attachment).ConfigureAwait(false);
        });

    private static Task UploadSignedAsync<TContext>(HttpContext http) =>
        RunAsync<TContext>(http, async (store, context) =>
        {
            var id = RouteId(http);
            var file = await ReadFileAsync(http, store.Options).ConfigureAwait(false);
            await using var stream = file.OpenReadStream();
            var query = http.Request.Query;
            var attachment = await store.CompleteUploadAsync(id, query["exp"], query["sig"], stream, file.ContentType, context, http.RequestAborted).ConfigureAwait(false);
            await WriteAttachmentAsync(http, attachment).ConfigureAwait(false);
        });

    private static Task PreviewAsync<TContext>(HttpContext http) =>
        RunAsync<TContext>(http, async (store, context) =>
        {
            var id = RouteId(http);
            var (attachment, path) = await store.OpenAsync(id, context, http.RequestAborted).ConfigureAwait(false);
            if (attachment is not ImageAttachment)
            {
                throw new ChatKitNotFoundException($"Attachment '{id}' has no preview.");
            }

            var response = http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = attachment.MimeType;
            response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            response.Headers[HeaderNames.CacheControl] = "private, max-age=3600";
            response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
            response.Headers[HeaderNames.ContentDisposition] = "inline";
            await response.SendFileAsync(path, http.RequestAborted).ConfigureAwait(false);
        });

    private static async Task RunAsync<TContext>(HttpContext http, Func<DiskAttachmentStore<TContext>, TContext, Task> action)
    {
        try
        {
            if (!HttpMethods.IsGet(http.Request.Method))
            {
                // Uploads are multipart/form-data, which any site's HTML form can send: only the cookie check stops that.
                CrossSiteRequestGuard.CheckOrigin(http.Request, http.RequestServices.GetRequiredService<ChatKitPublicOrigin>());
            }

            var store = http.RequestServices.GetRequiredService<DiskAttachmentStore<TContext>>();
            var factory = http.RequestServices.GetRequiredService<IChatKitContextFactory<TContext>>();
            var context = await factory.CreateAsync(http, http.RequestAborted).ConfigureAwait(false);
            await action(store, context).ConfigureAwait(false);
        }
        catch (ChatKitException e) when (!http.Response.HasStarted)
        {
            await ChatKitEndpoint.WriteErrorAsync(http, e.StatusCode, e.Code, e.Message).ConfigureAwait(false);
        }
        catch (InvalidDataException e) when (!http.Response.HasStarted)
        {
            // Malformed multipart bodies and form limits.
            var tooLarge = e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase);
            await ChatKitEndpoint.WriteErrorAsync(http, tooLarge ? 413 : 400, tooLarge ? "file_too_large" : "invalid_request", tooLarge ? "The upload is too large." : "The upload is not valid multipart/form-data.").ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            await ChatKitEndpoint.WriteErrorAsync(http, e.StatusCode, e.StatusCode == 413 ? "file_too_large" : "invalid_request", e.Message).ConfigureAwait(false);
        }
    }

    private static async Task<IFormFile> ReadFileAsync(HttpContext http, ChatKitAttachmentOptions options)
    {
        var request = http.Request;
        var limit = options.MaxFileBytes + MultipartOverhead;
        if (request.ContentLength > limit)
        {
            throw new ChatKitException(413, "file_too_large", $"The file is larger than {options.MaxFileBytes} bytes.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        if (!request.HasFormContentType || !(request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            throw new ChatKitException(415, "unsupported_media_type", "Upload the file as multipart/form-data with a field named 'file'.");
        }

        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 16 }, http.RequestAborted).ConfigureAwait(false);
        return form.Files.GetFile("file") ?? throw new ChatKitException(400, "missing_file", "The upload has no field named 'file'.");
    }

    private static string RouteId(HttpContext http) => http.Request.RouteValues["id"] as string ?? "";

    /// <summary>The ChatKit endpoint's path (below the path base) of a request to one of its sub-paths.</summary>
    private static string ChatKitPath(PathString path, string suffix)
    {
        var value = (path.Value ?? "").TrimEnd('/');
        return value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? value[..^suffix.Length] : value;
    }

    private static Task WriteAttachmentAsync(HttpContext http, Attachment attachment)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, attachment, ChatKitJson.Wire.Attachment, http.RequestAborted);
    }
}
