namespace ChatKit;

/// <summary>Parameters that target one thread (its id is logged and traced with the request).</summary>
public interface IThreadParams
{
    /// <summary>The thread.</summary>
    string ThreadId { get; }
}
