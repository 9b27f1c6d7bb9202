namespace ChatKit.OpenAI.Tests.Sessions;

public static class SecretLeakAssert
{
    /// <summary>The API key every test configures; it must never show up outside the Authorization header.</summary>
    public const string ApiKey = "sk-test-DO-NOT-LEAK-0123456789abcdefXYZ";

    /// <summary>A fragment of the key distinctive enough to catch partial echoes.</summary>
    public const string ApiKeyFragment = "DO-NOT-LEAK";

    public static void NotIn(IEnumerable<string> texts, string what)
    {
        foreach (var text in texts)
        {
            Assert.False(text.Contains(ApiKeyFragment, StringComparison.Ordinal), $"The API key leaked into {what}: {text}");
        }
    }

    public static void NoClientSecretIn(IEnumerable<string> texts, string what)
    {
        foreach (var text in texts)
        {
            Assert.False(text.Contains("ek_secret_value", StringComparison.Ordinal), $"A client secret leaked into {what}: {text}");
        }
    }
}
