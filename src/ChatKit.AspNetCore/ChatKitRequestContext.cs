using System.Globalization;
using ChatKit.Stores;
using Microsoft.AspNetCore.Http;

namespace ChatKit.AspNetCore;

/// <summary>The default per-request context: who the user is, their locale, and the HTTP request.</summary>
public sealed class ChatKitRequestContext : IUserContext
{
    /// <summary>The user's stable id (scopes every stored thread and attachment).</summary>
    public required string UserId { get; init; }

    /// <summary>The UI locale the client sent in <c>Accept-Language</c>, if any.</summary>
    public CultureInfo? Locale { get; init; }

    /// <summary>The HTTP request being served; null when the server is used outside a request.</summary>
    public HttpContext? HttpContext { get; init; }
}
