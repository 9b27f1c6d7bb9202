using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatKit.OpenAI.Sessions;

/// <summary>
/// Binds <see cref="ChatKitSessionsOptions"/> from <c>ChatKit:Hosted</c>, falling back to the conventional
/// <c>OPENAI_API_KEY</c> and <c>OPENAI_BASE_URL</c> configuration keys (environment variables included).
/// </summary>
internal sealed class ChatKitSessionsOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<ChatKitSessionsOptions>
{
    public void Configure(ChatKitSessionsOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        var section = configuration.GetSection(ChatKitSessionsOptions.ConfigurationSectionName);
        options.ApiKey = ChatKitConfigurationReader.String(section, "ApiKey") ?? ChatKitConfigurationReader.String(configuration, "OPENAI_API_KEY") ?? options.ApiKey;
        options.BaseUrl = ChatKitConfigurationReader.AbsoluteUri(section, "BaseUrl") ?? ChatKitConfigurationReader.AbsoluteUri(configuration, "OPENAI_BASE_URL") ?? options.BaseUrl;
        options.Organization = ChatKitConfigurationReader.String(section, "Organization") ?? options.Organization;
        options.Project = ChatKitConfigurationReader.String(section, "Project") ?? options.Project;
        options.MaxRetries = ChatKitConfigurationReader.Int32(section, "MaxRetries") ?? options.MaxRetries;
        options.InitialRetryDelay = ChatKitConfigurationReader.Duration(section, "InitialRetryDelay") ?? options.InitialRetryDelay;
        options.MaxRetryDelay = ChatKitConfigurationReader.Duration(section, "MaxRetryDelay") ?? options.MaxRetryDelay;
        options.MaxRetryAfter = ChatKitConfigurationReader.Duration(section, "MaxRetryAfter") ?? options.MaxRetryAfter;
    }
}
