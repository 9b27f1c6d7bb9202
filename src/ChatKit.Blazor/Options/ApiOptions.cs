namespace ChatKit.Blazor;

/// <summary>Where the element sends ChatKit requests.</summary>
public sealed record ApiOptions
{
    /// <summary>The ChatKit endpoint, e.g. <c>"/chatkit"</c> (the path given to <c>MapChatKit</c>).</summary>
    public required string Url { get; init; }

    /// <summary>Sent as the <c>X-ChatKit-Domain-Key</c> header.</summary>
    public string? DomainKey { get; init; }

    /// <summary>How attachments are uploaded; without one, attachments cannot be sent.</summary>
    public UploadStrategy? UploadStrategy { get; init; }

    /// <summary>
    /// Extra headers on every request (ChatKit.js does this with a custom <c>fetch</c>, which C# cannot pass; the
    /// component's script wraps <c>fetch</c> with these headers instead).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
