namespace ChatKit.Stores;

/// <summary>A store that can tell whether it answers, for health checks.</summary>
public interface IStoreProbe
{
    /// <summary>
    /// Runs the cheapest query the store has (e.g. <c>SELECT 1</c>); throws when the store cannot answer.
    /// </summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
