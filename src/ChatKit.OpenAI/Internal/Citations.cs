using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Internal;

/// <summary>Creates <see cref="CitationAnnotation"/>s for OpenAI <c>url_citation</c> annotations.</summary>
internal static class Citations
{
    public static CitationAnnotation Create(Uri? url, string? title, int startIndex, int endIndex, object rawRepresentation) => new()
    {
        Url = url,
        Title = title,
        AnnotatedRegions = [new TextSpanAnnotatedRegion { StartIndex = startIndex, EndIndex = endIndex }],
        RawRepresentation = rawRepresentation,
    };
}
