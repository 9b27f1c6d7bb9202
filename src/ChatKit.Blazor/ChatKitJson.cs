using System.Text.Json;

namespace ChatKit.Blazor;

/// <summary>The JSON the component hands to the element's <c>setOptions</c>.</summary>
public static class ChatKitJson
{
    /// <summary>Serialises <paramref name="options"/> as the element expects: camelCase, unset options left out.</summary>
    /// <exception cref="ArgumentException">The options cannot work (no API URL).</exception>
    public static string Serialize(ChatKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Api is null || string.IsNullOrWhiteSpace(options.Api.Url))
        {
            throw new ArgumentException("ChatKitOptions.Api.Url is required: the path or URL of the ChatKit endpoint, e.g. \"/chatkit\".", nameof(options));
        }

        return JsonSerializer.Serialize(options, ChatKitJsonContext.Default.ChatKitOptions);
    }
}
