namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What <c>AddChatKit</c> returns: the service collection, on which a store (<c>AddSqliteStore</c>,
/// <c>AddPostgresStore</c>, <c>AddInMemoryStore</c>) and attachments (<c>AddDiskAttachments</c>) are added.
/// </summary>
public interface IChatKitBuilder
{
    /// <summary>The services ChatKit is registered in.</summary>
    IServiceCollection Services { get; }
}
