namespace ChatKit.Blazor;

/// <summary>Detail of <c>chatkit.deeplink</c>: a click on a deeplink in a message.</summary>
/// <param name="Name">The deeplink's name (its host or first path segment).</param>
/// <param name="Data">Its query parameters, if any.</param>
public sealed record ChatKitDeeplinkEventArgs(string Name, IReadOnlyDictionary<string, string>? Data = null);
