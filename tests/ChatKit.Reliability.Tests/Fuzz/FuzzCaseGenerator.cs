using FsCheck;
using FsCheck.Fluent;

namespace ChatKit.Reliability.Tests.Fuzz;

/// <summary>The FsCheck generator of <see cref="FuzzCase"/>s: every request type as base, valid bodies a fifth of the time.</summary>
public static class FuzzCaseGenerator
{
    public static Gen<FuzzCase> Cases(IReadOnlyList<string> baseTypes) =>
        from baseType in Gen.Elements(baseTypes.ToArray())
        from kind in Gen.Frequency(
            (8, Gen.Constant(MutationKind.Valid)),
            (12, Gen.Constant(MutationKind.ReplaceValue)),
            (4, Gen.Constant(MutationKind.RemoveProperty)),
            (3, Gen.Constant(MutationKind.UnknownField)),
            (3, Gen.Constant(MutationKind.WrongType)),
            (2, Gen.Constant(MutationKind.DuplicateKey)),
            (3, Gen.Constant(MutationKind.InvalidUtf8)),
            (3, Gen.Constant(MutationKind.Truncated)),
            (1, Gen.Constant(MutationKind.Garbage)))
        from target in Gen.Choose(0, 10_000)
        from variant in Gen.Choose(0, 10_000)
        from size in Gen.Frequency(
            (6, Gen.Choose(0, 100)),
            (3, Gen.Choose(100, 70_000)),
            (1, Gen.Choose(1_000_000, 1_500_000)))
        from realIds in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        select new FuzzCase(baseType, kind, target, variant, size, realIds);
}
