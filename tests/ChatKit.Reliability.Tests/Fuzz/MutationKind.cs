namespace ChatKit.Reliability.Tests.Fuzz;

/// <summary>How a valid request body is bent before it is sent.</summary>
public enum MutationKind
{
    /// <summary>The fixture as recorded (with the user's real ids when the case asks for them).</summary>
    Valid,

    /// <summary>One value anywhere in the body replaced: wrong type, null, huge, deep, odd numbers or strings.</summary>
    ReplaceValue,

    /// <summary>One property removed.</summary>
    RemoveProperty,

    /// <summary>An unknown property added to one object.</summary>
    UnknownField,

    /// <summary><c>type</c> set to another request type (params of the wrong shape) or to a non-type.</summary>
    WrongType,

    /// <summary>A property of the root or <c>params</c> written twice with different values.</summary>
    DuplicateKey,

    /// <summary>Bytes that are not UTF-8 inside a string.</summary>
    InvalidUtf8,

    /// <summary>The body cut short.</summary>
    Truncated,

    /// <summary>Random bytes.</summary>
    Garbage,
}
