using System.Diagnostics;
using System.Text;

namespace ChatKit.Testing.Processes;

/// <summary>The outcome of a finished command.</summary>
public sealed record ProcessResult(int ExitCode, string Output);

/// <summary>
/// Runs the dotnet CLI with a deadline: a step that hangs (a stuck restore, a server that never answers) fails the
/// test with its output instead of stalling the suite.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> and returns its exit code and combined output.</summary>
    public static async Task<ProcessResult> RunDotnetAsync(
        IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = new Process { StartInfo = DotnetStartInfo(arguments, workingDirectory, environment) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"`dotnet {string.Join(' ', process.StartInfo.ArgumentList)}` did not finish within {timeout.TotalSeconds:0} s. Output:\n{Tail(output)}");
        }

        // The parameterless wait also drains the redirected streams.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, Tail(output));
    }

    /// <summary>Start information for <c>dotnet</c>: output redirected, extra environment variables applied.</summary>
    public static ProcessStartInfo DotnetStartInfo(
        IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Quiet, and never interactive: a first-run banner or a prompt must not change what the tests read.
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        // MSBuild node reuse would leave build servers running after the test.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    /// <summary>Throws with the command's output unless it exited with 0.</summary>
    public static ProcessResult EnsureSucceeded(this ProcessResult result, string what) =>
        result.ExitCode == 0 ? result : throw new InvalidOperationException($"{what} failed with exit code {result.ExitCode}:\n{result.Output}");

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    // Build logs run to thousands of lines; the end holds the errors.
    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            const int Keep = 12_000;
            return output.Length <= Keep ? output.ToString() : "…" + output.ToString(output.Length - Keep, Keep);
        }
    }
}
