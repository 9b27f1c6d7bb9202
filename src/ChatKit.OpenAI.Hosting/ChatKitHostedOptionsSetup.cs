using ChatKit.OpenAI.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatKit.OpenAI.Hosting;

/// <summary>Binds <see cref="ChatKitHostedOptions"/> from the <c>ChatKit:Hosted</c> configuration section.</summary>
internal sealed class ChatKitHostedOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<ChatKitHostedOptions>
{
    public void Configure(ChatKitHostedOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        var section = configuration.GetSection(ChatKitSessionsOptions.ConfigurationSectionName);
        options.WorkflowId = ChatKitConfigurationReader.String(section, "WorkflowId") ?? options.WorkflowId;
        options.WorkflowVersion = ChatKitConfigurationReader.String(section, "WorkflowVersion") ?? options.WorkflowVersion;
        options.TracingEnabled = ChatKitConfigurationReader.Boolean(section, "TracingEnabled") ?? options.TracingEnabled;
        options.ExpiresAfterSeconds = ChatKitConfigurationReader.Int32(section, "ExpiresAfterSeconds") ?? options.ExpiresAfterSeconds;
        options.MaxRequestsPerMinute = ChatKitConfigurationReader.Int32(section, "MaxRequestsPerMinute") ?? options.MaxRequestsPerMinute;
        options.AutomaticThreadTitling = ChatKitConfigurationReader.Boolean(section, "AutomaticThreadTitling") ?? options.AutomaticThreadTitling;
        options.FileUploadEnabled = ChatKitConfigurationReader.Boolean(section, "FileUploadEnabled") ?? options.FileUploadEnabled;
        options.MaxFileSizeMegabytes = ChatKitConfigurationReader.Int32(section, "MaxFileSizeMegabytes") ?? options.MaxFileSizeMegabytes;
        options.MaxFiles = ChatKitConfigurationReader.Int32(section, "MaxFiles") ?? options.MaxFiles;
        options.HistoryEnabled = ChatKitConfigurationReader.Boolean(section, "HistoryEnabled") ?? options.HistoryEnabled;
        options.HistoryRecentThreads = ChatKitConfigurationReader.Int32(section, "HistoryRecentThreads") ?? options.HistoryRecentThreads;
        options.AllowAnonymousUsers = ChatKitConfigurationReader.Boolean(section, "AllowAnonymousUsers") ?? options.AllowAnonymousUsers;
        options.RateLimitPermitLimit = ChatKitConfigurationReader.Int32(section, "RateLimitPermitLimit") ?? options.RateLimitPermitLimit;
        options.RateLimitWindow = ChatKitConfigurationReader.Duration(section, "RateLimitWindow") ?? options.RateLimitWindow;
        options.UpstreamBusyRetryAfter = ChatKitConfigurationReader.Duration(section, "UpstreamBusyRetryAfter") ?? options.UpstreamBusyRetryAfter;

        foreach (var variable in section.GetSection("WorkflowStateVariables").GetChildren())
        {
            if (variable.Value is { } value)
            {
                options.WorkflowStateVariables[variable.Key] = value;
            }
        }
    }
}
