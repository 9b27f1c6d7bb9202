namespace ChatKit.OpenAI.Sessions;

/// <summary>Options of <see cref="ChatKitSessionsClient.ListThreadsAsync"/>.</summary>
public sealed class ChatKitThreadListOptions : ChatKitListOptions
{
    /// <summary>Only list the threads of this end user; <see langword="null"/> lists every user's threads.</summary>
    public string? User { get; set; }

    internal override void AppendQuery(List<KeyValuePair<string, string>> query)
    {
        base.AppendQuery(query);
        if (User is not null) query.Add(new("user", User));
    }
}
