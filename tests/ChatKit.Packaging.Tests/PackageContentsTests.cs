using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace ChatKit.Packaging.Tests;

/// <summary>What a consumer of the packages gets: one version, metadata, a readme, the licence, symbols, Source Link.</summary>
[Collection(PackedRepositoryCollection.Name)]
public sealed class PackageContentsTests(PackedRepository packed)
{
    private const string RepositoryUrl = "https://github.com/chatkit-dotnet/chatkit-dotnet";

    [Fact]
    public void PackingTheSolutionMakesOnePackagePerLibraryAndTheTemplatePackAndNothingElse()
    {
        var expected = packed.LibraryIds.Append(PackedRepository.TemplatePackId).Order(StringComparer.Ordinal).ToArray();
        var made = Directory.GetFiles(packed.PackagesDirectory, "*.nupkg")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();

        // Every package has the one version (Directory.Build.props), so tests, samples and benchmarks would show here.
        Assert.Equal(expected.Select(id => $"{id}.{packed.Version}.nupkg"), made);
        // The libraries found under src/ are exactly the ones this suite checks one by one below.
        Assert.Equal(LibraryNames.Order(StringComparer.Ordinal), packed.LibraryIds.Order(StringComparer.Ordinal));
    }

    private static readonly string[] LibraryNames = ["ChatKit", "ChatKit.AspNetCore", "ChatKit.Sqlite", "ChatKit.Postgres", "ChatKit.AI", "ChatKit.Agents", "ChatKit.OpenAI", "ChatKit.OpenAI.Hosting", "ChatKit.Blazor"];

    public static TheoryData<string> Libraries() => new(LibraryNames);

    [Theory]
    [MemberData(nameof(Libraries))]
    public void EachLibraryPackageDescribesItselfAndCarriesItsReadmeAndLicence(string id)
    {
        using var package = ZipFile.OpenRead(packed.PackagePath(id));
        var metadata = Nuspec(package);

        Assert.Equal(id, Value(metadata, "id"));
        Assert.Equal(packed.Version, Value(metadata, "version"));
        Assert.Equal("ChatKit for .NET contributors", Value(metadata, "authors"));
        var description = Value(metadata, "description");
        Assert.True(description.Length >= 40 && description != "Package Description", $"{id}: description '{description}'");
        Assert.Contains("chatkit", Value(metadata, "tags").Split(' '));

        var license = Element(metadata, "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);

        // The readme is the project's own, shipped at the package root.
        Assert.Equal("README.md", Value(metadata, "readme"));
        var readme = ReadEntry(package, "README.md");
        Assert.StartsWith($"# {id}\n", readme, StringComparison.Ordinal);
        Assert.Contains($"dotnet add package {id}", readme, StringComparison.Ordinal);
        Assert.Contains("```csharp", readme, StringComparison.Ordinal);

        var repository = Element(metadata, "repository");
        Assert.Equal(RepositoryUrl, repository.Attribute("url")?.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");

        Assert.Contains(package.Entries, e => e.FullName == $"lib/net10.0/{id}.dll");
        Assert.Contains(package.Entries, e => e.FullName == $"lib/net10.0/{id}.xml");
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void EachLibraryHasASymbolPackageWhosePdbLinksSourcesToTheRepository(string id)
    {
        var symbols = packed.PackagePath(id, ".snupkg");
        Assert.True(File.Exists(symbols), $"{symbols} is missing");

        using var package = ZipFile.OpenRead(symbols);
        var pdb = package.Entries.SingleOrDefault(e => e.FullName == $"lib/net10.0/{id}.pdb");
        Assert.NotNull(pdb);
        using var stream = pdb.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);

        // Source Link's map is stored as plain UTF-8 JSON inside the portable PDB.
        var pdbText = Encoding.UTF8.GetString(bytes.ToArray());
        Assert.Contains("https://raw.githubusercontent.com/chatkit-dotnet/chatkit-dotnet/", pdbText, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTemplatePackReferencesTheLibrariesByTheirOwnVersion()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath(PackedRepository.TemplatePackId));
        var metadata = Nuspec(package);

        Assert.Equal("Template", Element(metadata, "packageTypes").Elements().Single().Attribute("name")?.Value);
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("dotnet new chatkit", ReadEntry(package, "README.md"), StringComparison.Ordinal);
        Assert.Contains("\"shortName\": \"chatkit\"", ReadEntry(package, "content/chatkit/.template.config/template.json"), StringComparison.Ordinal);

        var project = XDocument.Parse(ReadEntry(package, "content/chatkit/ChatKitApp.csproj"));
        var references = project.Descendants("PackageReference")
            .Select(r => (Id: r.Attribute("Include")?.Value, Version: r.Attribute("Version")?.Value))
            .ToArray();
        Assert.Equal([("ChatKit.AspNetCore", packed.Version), ("ChatKit.Sqlite", packed.Version)], references);

        // Only the template's own files: no build output of the pack project, nothing from a local run of the app.
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal));
        Assert.DoesNotContain(package.Entries, e => e.FullName.Contains("/bin/", StringComparison.Ordinal) || e.FullName.Contains("/obj/", StringComparison.Ordinal));
    }

    private static XElement Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        var document = XDocument.Load(stream);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static XElement Element(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)
        ?? throw new Xunit.Sdk.XunitException($"The nuspec has no <{name}>.");

    private static string Value(XElement metadata, string name) => Element(metadata, name).Value;

    private static string ReadEntry(ZipArchive package, string path)
    {
        var entry = package.GetEntry(path) ?? throw new Xunit.Sdk.XunitException($"The package has no {path}.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
