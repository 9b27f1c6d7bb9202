namespace ChatKit.Stores;

/// <summary>
/// A store whose hosts share their runs (e.g. the PostgreSQL store): the server follows, reports and stops runs of
/// other hosts through <see cref="RunExchange"/>.
/// </summary>
/// <typeparam name="TContext">The per-request context.</typeparam>
public interface IRunExchangeProvider<in TContext>
{
    /// <summary>The exchange of this host.</summary>
    IRunExchange<TContext> RunExchange { get; }
}
