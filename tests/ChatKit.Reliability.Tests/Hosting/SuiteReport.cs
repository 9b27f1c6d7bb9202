using Xunit.Abstractions;

namespace ChatKit.Reliability.Tests.Hosting;

/// <summary>
/// Where the suites' figures (cases run, durations, resource deltas) go: the test's output, and one line each in
/// <c>reliability-figures.txt</c> next to the test binary, since a passing test's output is hidden at the default
/// verbosity of <c>dotnet test</c>.
/// </summary>
public static class SuiteReport
{
    private static readonly Lock Gate = new();

    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "reliability-figures.txt");

    public static void Write(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        lock (Gate)
        {
            File.AppendAllText(FilePath, $"{DateTimeOffset.UtcNow:u} {line}{Environment.NewLine}");
        }
    }
}
