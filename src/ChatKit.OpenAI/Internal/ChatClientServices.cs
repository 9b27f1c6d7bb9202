using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Internal;

/// <summary>The <see cref="IChatClient.GetService"/> answer shared by both OpenAI chat clients.</summary>
internal static class ChatClientServices
{
    /// <summary>Unkeyed lookups only: the metadata, the OpenAI SDK client underneath, or the chat client itself.</summary>
    public static object? Get(Type serviceType, object? serviceKey, ChatClientMetadata metadata, object sdkClient, IChatClient self)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return metadata;
        }

        return serviceType.IsInstanceOfType(sdkClient) ? sdkClient
            : serviceType.IsInstanceOfType(self) ? self
            : null;
    }
}
