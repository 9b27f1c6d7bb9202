using System.Diagnostics;
using ChatKit.Reliability.Tests.Hosting;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace ChatKit.Reliability.Tests.Fuzz;

/// <summary>Property-based fuzzing of the ChatKit endpoint on the real Kestrel host with the SQLite store.</summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Cases per run; <c>CHATKIT_FUZZ_CASES</c> raises it for a longer local run.</summary>
    private static readonly int CaseCount = int.TryParse(Environment.GetEnvironmentVariable("CHATKIT_FUZZ_CASES"), out var n) ? n : 1000;

    private ReliabilityHost _host = null!;

    public async Task InitializeAsync() => _host = await ReliabilityHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Valid_and_mutated_requests_never_fail_the_server_tear_a_stream_or_store_a_refusal()
    {
        var fixtures = RequestFixtures.Load();
        using var runner = new FuzzRunner(_host, fixtures, casesPerUser: 25);
        var clock = Stopwatch.StartNew();
        var property = Prop.ForAll(FuzzCaseGenerator.Cases([.. fixtures.Keys]).ToArbitrary(), (FuzzCase c) => runner.Run(c));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(CaseCount), property);
        await runner.EndBatchAsync();
        SuiteReport.Write(output, $"{runner.Summary()}; {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(CaseCount, runner.Cases);
    }
}
