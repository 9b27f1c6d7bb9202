using FsCheck;
using FsCheck.Fluent;

namespace ChatKit.Tests;

/// <summary>
/// Strings for property tests of hand-written JSON: characters that stress escaping (quotes, backslash, controls,
/// DEL, line separators, BOM, replacement character), ones the encoder leaves alone (HTML-sensitive ASCII, accents,
/// CJK), and surrogates drawn on their own so both pairs and lone halves occur.
/// </summary>
internal static class EscapingText
{
    public static readonly char[] Alphabet =
    [
        'a', 'Z', '0', ' ', '_', '-', '.', '/', '~', '"', '\\', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u0080',
        '<', '>', '&', '\'', '+', '`', '\u00e9', '\u00fc', '\u2014', '\u2028', '\u2029', '\u65e5', '\ufeff', '\ufffd',
        '\ud83c', '\udf89', '\ud800', '\udfff',
    ];

    /// <summary>Mostly random strings of 1 to <paramref name="maxLength"/> characters, sometimes empty or a sample.</summary>
    public static Gen<string> Strings(int maxLength, params string[] samples) =>
        Gen.Frequency(
            (1, Gen.Constant(string.Empty)),
            (2, Gen.Elements(samples)),
            (6, Gen.Choose(1, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet), n)).Select(chars => new string(chars))));
}
