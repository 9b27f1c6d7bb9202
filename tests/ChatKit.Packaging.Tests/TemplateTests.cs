using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ChatKit.Testing.Http;
using ChatKit.Testing.Processes;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Packaging.Tests;

/// <summary>
/// <c>dotnet new chatkit</c> end to end, the way a team adopts the library: install the packed template into a
/// private template hive, create an app, build it against the packed libraries, run it and complete a turn.
/// </summary>
[Collection(PackedRepositoryCollection.Name)]
public sealed partial class TemplateTests(PackedRepository packed)
{
    private static readonly TimeSpan TemplateStepTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheCreatedAppBuildsAgainstThePackagesServesTheElementAndStreamsAReply()
    {
        var work = Path.Combine(packed.WorkDirectory, "template");
        var appsDirectory = Path.Combine(work, "apps");
        var appDirectory = Path.Combine(appsDirectory, "MyApp");
        Directory.CreateDirectory(appsDirectory);

        // The template engine keeps its state in the custom hive and the CLI home: the user's own stay untouched.
        var hive = Path.Combine(work, "hive");
        var cliEnvironment = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(work, "cli-home") };
        (await ProcessRunner.RunDotnetAsync(
            ["new", "install", packed.PackagePath(PackedRepository.TemplatePackId), "--debug:custom-hive", hive],
            work, TemplateStepTimeout, cliEnvironment)).EnsureSucceeded("dotnet new install");
        (await ProcessRunner.RunDotnetAsync(
            ["new", "chatkit", "-o", appDirectory, "--no-restore", "--debug:custom-hive", hive],
            work, TemplateStepTimeout, cliEnvironment)).EnsureSucceeded("dotnet new chatkit");

        Assert.True(File.Exists(Path.Combine(appDirectory, "MyApp.csproj")), "the project takes the app's name");
        Assert.Contains("namespace MyApp;", await File.ReadAllTextAsync(Path.Combine(appDirectory, "EchoServer.cs")));
        var references = XDocument.Load(Path.Combine(appDirectory, "MyApp.csproj")).Descendants("PackageReference")
            .Select(r => r.Attribute("Version")?.Value ?? "(none)").Distinct().ToArray();
        Assert.Equal([packed.Version], references);

        await WriteNuGetConfigAsync(appsDirectory, work);
        (await ProcessRunner.RunDotnetAsync(["build", appDirectory, "-nologo"], appDirectory, BuildTimeout))
            .EnsureSucceeded("dotnet build of the created app");

        using var app = await RunningApp.StartAsync(Path.Combine(appDirectory, "bin", "Debug", "net10.0", "MyApp.dll"), appDirectory, StartTimeout);
        using var turn = new CancellationTokenSource(TurnTimeout);
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TurnTimeout };

        var page = await http.GetStringAsync("/", turn.Token);
        Assert.Contains("<openai-chatkit", page, StringComparison.Ordinal);
        Assert.Contains("src=\"/chatkit/chatkit.js\"", page, StringComparison.Ordinal);
        using (var script = await http.GetAsync("/chatkit/chatkit.js", turn.Token))
        {
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        }

        using var chatkit = new ChatKitHttpClient(new Uri(app.BaseAddress, "/chatkit"));
        var events = await chatkit.StreamAsync(CreateThread("hello from the template test"), turn.Token);
        Assert.Equal("thread.created", events[0]["type"]!.GetValue<string>());
        var deltas = events.Count(e => e["type"]!.GetValue<string>() == "thread.item.updated"
            && e["update"]?["type"]?.GetValue<string>() == "assistant_message.content_part.text_delta");
        Assert.True(deltas > 1, $"the reply should stream in pieces; events: {string.Join(", ", Types(events))}");
        var reply = LastDone(events, "assistant_message");
        Assert.Equal("You said: hello from the template test", reply["content"]![0]!["text"]!.GetValue<string>());

        // The thread went to SQLite in the app's data directory.
        var threadId = events[0]["thread"]!["id"]!.GetValue<string>();
        var (status, thread) = await chatkit.PostJsonAsync(GetThread(threadId), turn.Token);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(threadId, thread!["id"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(appDirectory, ".chatkit", "chatkit.db")));
    }

    /// <summary>
    /// A nuget.config beside the app: ChatKit packages come only from this run's packages folder, everything else
    /// from the sources this machine is configured with. Packages restore into a private folder, falling back to
    /// the machine's cache for the third-party ones it already holds.
    /// </summary>
    private async Task WriteNuGetConfigAsync(string directory, string work)
    {
        var sources = await MachinePackageSourcesAsync(work);
        var globalPackages = (await ProcessRunner.RunDotnetAsync(["nuget", "locals", "global-packages", "--list"], work, TemplateStepTimeout))
            .EnsureSucceeded("dotnet nuget locals").Output;
        var machineCache = GlobalPackagesLine().Match(globalPackages) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

        var config = new XElement("configuration",
            new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", Path.Combine(work, "nuget-packages")))),
            new XElement("packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "chatkit-local"), new XAttribute("value", packed.PackagesDirectory)),
                sources.Select((url, i) => new XElement("add", new XAttribute("key", $"machine-{i}"), new XAttribute("value", url)))),
            machineCache is null ? null : new XElement("fallbackPackageFolders",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "machine-cache"), new XAttribute("value", machineCache))),
            new XElement("packageSourceMapping",
                new XElement("packageSource", new XAttribute("key", "chatkit-local"),
                    new XElement("package", new XAttribute("pattern", "ChatKit")),
                    new XElement("package", new XAttribute("pattern", "ChatKit.*"))),
                sources.Select((_, i) => new XElement("packageSource", new XAttribute("key", $"machine-{i}"),
                    new XElement("package", new XAttribute("pattern", "*"))))));
        await File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), config.ToString());
    }

    private static async Task<IReadOnlyList<string>> MachinePackageSourcesAsync(string work)
    {
        var listed = (await ProcessRunner.RunDotnetAsync(["nuget", "list", "source", "--format", "short"], work, TemplateStepTimeout))
            .EnsureSucceeded("dotnet nuget list source").Output;
        // One line per source: a status letter (E enabled, D disabled) and the URL or folder.
        return listed.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
            .Select(line => line[2..].Trim())
            .ToArray();
    }

    [GeneratedRegex(@"global-packages:\s*(\S.*)")]
    private static partial Regex GlobalPackagesLine();

    /// <summary>The created app running on a free loopback port; disposing stops it.</summary>
    private sealed partial class RunningApp : IDisposable
    {
        private readonly Process _process;

        private RunningApp(Process process, Uri baseAddress)
        {
            _process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<RunningApp> StartAsync(string assembly, string workingDirectory, TimeSpan timeout)
        {
            // Port 0: Kestrel picks a free port and logs it, so parallel runs never collide.
            var startInfo = ProcessRunner.DotnetStartInfo([assembly, "--urls", "http://127.0.0.1:0"], workingDirectory);
            var process = Process.Start(startInfo) ?? throw new InvalidOperationException("the app did not start");
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new System.Text.StringBuilder();
            void Read(string? line)
            {
                if (line is null)
                {
                    listening.TrySetException(new InvalidOperationException($"The app exited before listening:\n{output}"));
                    return;
                }

                lock (output)
                {
                    output.AppendLine(line);
                }

                if (ListeningLine().Match(line) is { Success: true } match)
                {
                    listening.TrySetResult(new Uri(match.Groups[1].Value));
                }
            }

            process.OutputDataReceived += (_, e) => Read(e.Data);
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Read(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                return new RunningApp(process, await listening.Task.WaitAsync(timeout));
            }
            catch (Exception e)
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw new InvalidOperationException($"The app did not start listening within {timeout.TotalSeconds:0} s:\n{output}", e);
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
        }

        [GeneratedRegex(@"Now listening on:\s*(http://127\.0\.0\.1:\d+)")]
        private static partial Regex ListeningLine();
    }
}
