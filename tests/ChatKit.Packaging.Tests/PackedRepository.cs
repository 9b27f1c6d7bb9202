using ChatKit.Testing;
using ChatKit.Testing.Processes;

namespace ChatKit.Packaging.Tests;

/// <summary>
/// Packs the whole repository once (<c>dotnet pack ChatKit.slnx</c>, as a release does) into a temporary folder
/// and shares the packages between the tests of the <see cref="PackedRepositoryCollection"/>.
/// </summary>
/// <remarks>
/// The packs get a version suffix of their own, so a consumer restore can never pick up a package of the same
/// version cached by an earlier run.
/// </remarks>
public sealed class PackedRepository : IAsyncLifetime
{
    /// <summary>How long packing the solution may take.</summary>
    public static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);

    /// <summary>The temporary root every test of the collection works under; deleted afterwards.</summary>
    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "chatkit-packaging-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The folder holding the .nupkg and .snupkg files.</summary>
    public string PackagesDirectory => Path.Combine(WorkDirectory, "packages");

    /// <summary>The suffix given to this run's packages.</summary>
    public string VersionSuffix { get; } = "test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

    /// <summary>The version every package of this run carries.</summary>
    public string Version => $"{VersionPrefix}-{VersionSuffix}";

    /// <summary>The repository's <c>VersionPrefix</c>, read from Directory.Build.props.</summary>
    public string VersionPrefix { get; } = ReadVersionPrefix();

    /// <summary>The ids of the library packages: one per project under src/.</summary>
    public IReadOnlyList<string> LibraryIds { get; } = Directory.GetDirectories(Path.Combine(ProtocolFixtures.RepositoryRoot, "src"))
        .Where(dir => File.Exists(Path.Combine(dir, Path.GetFileName(dir) + ".csproj")))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The id of the template pack.</summary>
    public const string TemplatePackId = "ChatKit.Templates";

    /// <summary>Path of a package of this run.</summary>
    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(PackagesDirectory, $"{id}.{Version}{extension}");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PackagesDirectory);
        var root = ProtocolFixtures.RepositoryRoot;
        var pack = await ProcessRunner.RunDotnetAsync(
            ["pack", Path.Combine(root, "ChatKit.slnx"), "-o", PackagesDirectory, $"-p:VersionSuffix={VersionSuffix}", "-nologo"],
            root, PackTimeout);
        pack.EnsureSucceeded("dotnet pack ChatKit.slnx");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a server that was killed late) only leaves a temporary folder behind.
        }

        return Task.CompletedTask;
    }

    private static string ReadVersionPrefix()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(ProtocolFixtures.RepositoryRoot, "Directory.Build.props"));
        var prefixes = props.Descendants("VersionPrefix").Select(e => e.Value.Trim()).ToArray();
        return prefixes.Length == 1
            ? prefixes[0]
            : throw new InvalidOperationException($"Directory.Build.props should set VersionPrefix exactly once; it sets it {prefixes.Length} times.");
    }
}

/// <summary>The tests that share one pack of the repository.</summary>
[CollectionDefinition(Name)]
public sealed class PackedRepositoryCollection : ICollectionFixture<PackedRepository>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Packed repository";
}
