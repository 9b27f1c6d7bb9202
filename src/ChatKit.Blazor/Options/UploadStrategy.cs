using System.Text.Json.Serialization;

namespace ChatKit.Blazor;

/// <summary>How the element uploads attachments: two-phase (via <c>attachments.create</c>) or direct to a URL.</summary>
public sealed record UploadStrategy
{
    private UploadStrategy(UploadStrategyType type, string? uploadUrl)
    {
        Type = type;
        UploadUrl = uploadUrl;
    }

    /// <summary>The strategy.</summary>
    public UploadStrategyType Type { get; }

    /// <summary>Where direct uploads go (only for <see cref="UploadStrategyType.Direct"/>).</summary>
    public string? UploadUrl { get; }

    /// <summary>Creates the attachment with <c>attachments.create</c>, then uploads to the URL the server returns.</summary>
    public static UploadStrategy TwoPhase { get; } = new(UploadStrategyType.TwoPhase, null);

    /// <summary>Posts the file to <paramref name="uploadUrl"/>, which answers with the attachment.</summary>
    public static UploadStrategy Direct(string uploadUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadUrl);
        return new(UploadStrategyType.Direct, uploadUrl);
    }
}

/// <summary>The kind of <see cref="UploadStrategy"/>.</summary>
public enum UploadStrategyType
{
    /// <summary><c>two_phase</c>.</summary>
    [JsonStringEnumMemberName("two_phase")] TwoPhase,

    /// <summary><c>direct</c>.</summary>
    [JsonStringEnumMemberName("direct")] Direct,
}
