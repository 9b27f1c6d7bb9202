namespace ChatKit.Reliability.Tests.Fuzz;

/// <summary>
/// One generated request: which of the 16 fixtures is the base, how it is mutated, and the numbers that pick the
/// mutated place and value. The body itself is rendered at run time because real ids (the user's thread and items)
/// are only known then.
/// </summary>
/// <param name="BaseType">The request type of the fixture used as base.</param>
/// <param name="Kind">The mutation.</param>
/// <param name="Target">Picks the node, property or byte position.</param>
/// <param name="Variant">Picks the replacement value or the other type.</param>
/// <param name="Size">Length of huge strings, nesting depth, truncation point.</param>
/// <param name="RealIds">Whether thread and item ids are replaced by the user's own (else the fixture's unknown ids).</param>
public sealed record FuzzCase(string BaseType, MutationKind Kind, int Target, int Variant, int Size, bool RealIds)
{
    public override string ToString() => $"{BaseType} {Kind} target={Target} variant={Variant} size={Size} realIds={RealIds}";
}
