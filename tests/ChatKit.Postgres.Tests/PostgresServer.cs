using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ChatKit.Postgres.Tests;

/// <summary>
/// A real PostgreSQL server for the tests: the one named by <c>CHATKIT_TEST_POSTGRES</c> (a connection string with
/// the right to create databases), or else a throwaway cluster started from the local installation
/// (<c>/usr/lib/postgresql/*/bin</c>) on a free loopback port with trust authentication, stopped and deleted when
/// the tests end. Each test class gets a fresh database. Without PostgreSQL the tests fail (they are never skipped).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The environment variable naming an existing server.</summary>
    public const string EnvironmentVariable = "CHATKIT_TEST_POSTGRES";

    private readonly ConcurrentDictionary<string, string> _databases = new();
    private readonly string? _clusterDirectory;
    private readonly string? _binDirectory;
    private readonly bool _asPostgresUser;

    public PostgresServer()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            AdminConnectionString = fromEnvironment;
            return;
        }

        _binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb. Install it (apt-get install -y postgresql) " +
            $"or set {EnvironmentVariable} to the connection string of a server where the tests may create databases.");
        _asPostgresUser = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        _clusterDirectory = Directory.CreateTempSubdirectory("chatkit-pg-").FullName;
        try
        {
            var data = Path.Combine(_clusterDirectory, "data");
            if (_asPostgresUser)
            {
                // initdb refuses to run as root: the cluster belongs to the postgres user.
                Run("chown", ["-R", "postgres:postgres", _clusterDirectory]);
            }

            RunPostgres("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
            var port = FreePort();
            var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {_clusterDirectory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            RunPostgres("pg_ctl", ["-D", data, "-l", Path.Combine(_clusterDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
            AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string AdminConnectionString { get; } = string.Empty;

    /// <summary>A connection string to a fresh database for <paramref name="owner"/>, created on first request.</summary>
    public string DatabaseFor(string owner) => _databases.GetOrAdd(owner, _ =>
    {
        var name = $"chatkit_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    });

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterDirectory is null)
        {
            // An external server: drop the databases the tests created.
            foreach (var connectionString in _databases.Values)
            {
                try
                {
                    using var connection = new NpgsqlConnection(AdminConnectionString);
                    connection.Open();
                    using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)", connection);
                    drop.ExecuteNonQuery();
                }
                catch (NpgsqlException)
                {
                    // Best effort.
                }
            }

            return;
        }

        try
        {
            var data = Path.Combine(_clusterDirectory, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                RunPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
            }
        }
        catch (InvalidOperationException)
        {
            // Deleting the directory below still frees the disk; the server dies with its data directory.
        }
        finally
        {
            try
            {
                Directory.Delete(_clusterDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void RunPostgres(string tool, string[] arguments)
    {
        var executable = Path.Combine(_binDirectory!, tool);
        if (_asPostgresUser)
        {
            Run("runuser", ["-u", "postgres", "--", executable, .. arguments]);
        }
        else
        {
            Run(executable, arguments);
        }
    }

    private void Run(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _clusterDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} timed out.");
        }

        if (process.ExitCode != 0)
        {
            var log = _clusterDirectory is not null && File.Exists(Path.Combine(_clusterDirectory, "server.log"))
                ? File.ReadAllText(Path.Combine(_clusterDirectory, "server.log"))
                : string.Empty;
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}\n{log}");
        }
    }
}
