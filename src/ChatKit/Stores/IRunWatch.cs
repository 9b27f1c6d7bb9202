namespace ChatKit.Stores;

/// <summary>A watch on one run of an <see cref="IRunExchange{TContext}"/>; dispose it to stop watching.</summary>
public interface IRunWatch : IDisposable
{
    /// <summary>
    /// A task that completes at the next append to the run or its end after this property was read (read it
    /// before reading the run, then wait on it when nothing new was found).
    /// </summary>
    Task Changed { get; }
}
