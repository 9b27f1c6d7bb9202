using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatKit.Testing;
using ChatKit.Testing.FakeOpenAI;
using ChatKit.Testing.Http;
using ChatKit.Testing.Processes;

namespace ChatKit.Agents.Tests;

/// <summary>
/// The README's "Use your Agent Framework agent" program, exactly as written there, built against this repository's
/// projects (offline) and run on a free port against the fake OpenAI server: a full ChatKit turn over HTTP.
/// </summary>
public sealed class ReadmeProgramTests : IDisposable
{
    private const string Heading = "## Use your Agent Framework agent";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("chatkit-readme-agent-").FullName;

    [Fact]
    public void The_README_program_is_one_block_under_40_lines()
    {
        var program = ExtractProgram();

        Assert.InRange(program.Split('\n').Length, 10, 39);
        Assert.Contains("new ChatClientAgent(", program, StringComparison.Ordinal);
        Assert.Contains("\"OPENAI_BASE_URL\"", program, StringComparison.Ordinal);
        Assert.Contains("\"OPENAI_MODEL\"", program, StringComparison.Ordinal);
        Assert.Contains("MapChatKit(\"/chatkit\")", program, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_README_program_builds_runs_and_streams_a_turn_from_the_fake_OpenAI_server()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "Program.cs"), ExtractProgram());
        var src = Path.Combine(ProtocolFixtures.RepositoryRoot, "src");
        await File.WriteAllTextAsync(Path.Combine(_directory, "ReadmeAgent.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{src}/ChatKit.AspNetCore/ChatKit.AspNetCore.csproj" />
                <ProjectReference Include="{src}/ChatKit.Agents/ChatKit.Agents.csproj" />
                <!-- Brings Microsoft.Extensions.AI.OpenAI (and OpenAI) at the repository's pinned versions. -->
                <ProjectReference Include="{src}/ChatKit.OpenAI/ChatKit.OpenAI.csproj" />
              </ItemGroup>
            </Project>
            """);

        var build = await ProcessRunner.RunDotnetAsync(["build", "ReadmeAgent.csproj", "-nologo", "-v:q", "-p:NuGetAudit=false"], _directory, BuildTimeout);
        Assert.True(build.ExitCode == 0, "The README program does not build:\n" + build.Output);

        await using var openAI = await FakeOpenAIServer.StartAsync();
        openAI.Enqueue(FakeReply.WithText("Hello from the README agent.", chunks: 4));
        var port = FreePort();
        using var app = Process.Start(ProcessRunner.DotnetStartInfo(
            ["bin/Debug/net10.0/ReadmeAgent.dll", "--urls", $"http://127.0.0.1:{port}"],
            _directory,
            new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["OPENAI_API_KEY"] = "test-key",
                ["OPENAI_BASE_URL"] = openAI.BaseUrl.ToString(),
                ["OPENAI_MODEL"] = "gpt-test",
            }))!;
        var appOutput = new StringBuilder();
        app.OutputDataReceived += (_, e) => { lock (appOutput) { appOutput.AppendLine(e.Data); } };
        app.ErrorDataReceived += (_, e) => { lock (appOutput) { appOutput.AppendLine(e.Data); } };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var client = new ChatKitHttpClient(new Uri($"http://127.0.0.1:{port}/chatkit"));
            await WaitUntilListeningAsync(port, app, appOutput);
            using var turn = new CancellationTokenSource(TimeSpan.FromSeconds(60));

            var events = await client.StreamAsync(ChatKitRequests.CreateThread("Hi!"), turn.Token);

            var deltas = events.Where(e => (string?)e["type"] == "thread.item.updated" && (string?)e["update"]!["type"] == "assistant_message.content_part.text_delta").ToList();
            Assert.Equal(4, deltas.Count);
            var done = events.Last(e => (string?)e["type"] == "thread.item.done");
            Assert.Equal("Hello from the README agent.", (string?)done["item"]!["content"]![0]!["text"]);
            var request = Assert.Single(openAI.Requests).Json;
            Assert.Equal("gpt-test", (string?)request["model"]);
            Assert.Contains("You are a helpful assistant.", request.ToJsonString(), StringComparison.Ordinal);
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp directory is cleaned by the OS.
        }
    }

    /// <summary>The first C# block under the README heading, as it is written there.</summary>
    private static string ExtractProgram()
    {
        var readme = File.ReadAllText(Path.Combine(ProtocolFixtures.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var section = readme.IndexOf(Heading + "\n", StringComparison.Ordinal);
        Assert.True(section >= 0, $"README.md has no '{Heading}' section.");
        var start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal);
        var nextSection = readme.IndexOf("\n## ", section + Heading.Length, StringComparison.Ordinal);
        Assert.True(start >= 0 && (nextSection < 0 || start < nextSection), "The section has no C# block.");
        start += "```csharp\n".Length;
        var end = readme.IndexOf("```\n", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilListeningAsync(int port, Process app, StringBuilder output)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException($"The README program exited with {app.ExitCode}:\n{output}");
            }

            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"The README program did not listen on {port} within {StartTimeout}:\n{output}");
    }
}
