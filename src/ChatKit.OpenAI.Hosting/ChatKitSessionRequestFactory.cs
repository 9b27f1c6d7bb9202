using ChatKit.OpenAI.Sessions;

namespace ChatKit.OpenAI.Hosting;

/// <summary>Turns <see cref="ChatKitHostedOptions"/> into the create-session request for one user.</summary>
internal static class ChatKitSessionRequestFactory
{
    public static ChatKitSessionCreateRequest Create(ChatKitHostedOptions options, string userId)
    {
        var request = new ChatKitSessionCreateRequest
        {
            User = userId,
            Workflow = new ChatKitSessionWorkflow
            {
                Id = options.WorkflowId!,
                Version = options.WorkflowVersion,
                StateVariables = options.WorkflowStateVariables.Count == 0 ? null : new Dictionary<string, object>(options.WorkflowStateVariables, StringComparer.Ordinal),
                Tracing = options.TracingEnabled is bool tracing ? new ChatKitWorkflowTracing { Enabled = tracing } : null,
            },
            ExpiresAfter = options.ExpiresAfterSeconds is int seconds ? new ChatKitSessionExpiresAfter { Seconds = seconds } : null,
            RateLimits = options.MaxRequestsPerMinute is int perMinute ? new ChatKitSessionRateLimits { MaxRequestsPer1Minute = perMinute } : null,
        };

        ChatKitAutomaticThreadTitling? titling = options.AutomaticThreadTitling is bool titles ? new() { Enabled = titles } : null;
        ChatKitFileUploadConfiguration? upload = options.FileUploadEnabled is not null || options.MaxFileSizeMegabytes is not null || options.MaxFiles is not null
            ? new() { Enabled = options.FileUploadEnabled, MaxFileSize = options.MaxFileSizeMegabytes, MaxFiles = options.MaxFiles }
            : null;
        ChatKitHistoryConfiguration? history = options.HistoryEnabled is not null || options.HistoryRecentThreads is not null
            ? new() { Enabled = options.HistoryEnabled, RecentThreads = options.HistoryRecentThreads }
            : null;
        if (titling is not null || upload is not null || history is not null)
        {
            request.ChatKitConfiguration = new ChatKitSessionConfiguration { AutomaticThreadTitling = titling, FileUpload = upload, History = history };
        }

        return request;
    }
}
