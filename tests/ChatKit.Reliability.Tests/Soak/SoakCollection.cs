namespace ChatKit.Reliability.Tests.Soak;

/// <summary>
/// The soak runs alone, after the other classes: its heap and handle samples are of the whole test process, which
/// other suites running in parallel would move.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "soak";
}
