using System.Reflection;
using System.Text;

namespace ChatKit.Widgets.Templates;

/// <summary>
/// Finds <c>.widget</c> files for <see cref="WidgetTemplate.FromFile"/> and
/// <see cref="WidgetTemplate.FromEmbeddedResource"/>, with errors that say everywhere it looked.
/// </summary>
internal static class WidgetTemplateLocator
{
    private const string WidgetExtension = ".widget";

    /// <summary>
    /// The places <paramref name="relativePath"/> may live, in order: next to the calling source file (during
    /// development and tests the source tree exists), then under the application's base directory (a deployed app
    /// has no sources, so templates are copied next to the binaries).
    /// </summary>
    public static IReadOnlyList<string> Candidates(string relativePath, string callerFilePath)
    {
        var candidates = new List<string>(2);
        if (Path.IsPathRooted(relativePath))
        {
            candidates.Add(Path.GetFullPath(relativePath));
            return candidates;
        }

        var callerDirectory = string.IsNullOrEmpty(callerFilePath) ? null : Path.GetDirectoryName(callerFilePath);
        if (!string.IsNullOrEmpty(callerDirectory))
        {
            candidates.Add(Path.GetFullPath(Path.Combine(callerDirectory, relativePath)));
        }

        var fromBase = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, relativePath));
        if (!candidates.Contains(fromBase))
        {
            candidates.Add(fromBase);
        }

        return candidates;
    }

    /// <summary>The first candidate that exists.</summary>
    /// <exception cref="FileNotFoundException">None exists; the message lists every candidate.</exception>
    public static string Resolve(string relativePath, string callerFilePath)
    {
        var candidates = Candidates(relativePath, callerFilePath);
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var message = new StringBuilder($"Widget template '{relativePath}' was not found. Looked in:");
        foreach (var candidate in candidates)
        {
            message.Append(Environment.NewLine).Append("  - ").Append(candidate);
        }

        if (candidates.Count > 1)
        {
            message.Append(Environment.NewLine)
                .Append("A deployed app has no source tree: copy the file to the output directory (CopyToOutputDirectory) or embed it and use FromEmbeddedResource.");
        }

        throw new FileNotFoundException(message.ToString(), candidates[0]);
    }

    /// <summary>
    /// The manifest resource called <paramref name="resourceName"/> exactly, else the only one ending with
    /// <c>.</c> + <paramref name="resourceName"/> (MSBuild prefixes the root namespace and folders, joined by dots;
    /// path separators in <paramref name="resourceName"/> are read as those dots).
    /// </summary>
    /// <exception cref="FileNotFoundException">No resource matches.</exception>
    /// <exception cref="ArgumentException">Several resources match the suffix.</exception>
    public static string ResolveResource(Assembly assembly, string resourceName)
    {
        var names = assembly.GetManifestResourceNames();
        if (Array.IndexOf(names, resourceName) >= 0)
        {
            return resourceName;
        }

        var suffix = "." + resourceName.Replace('/', '.').Replace('\\', '.');
        var matches = names.Where(n => n.EndsWith(suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        var assemblyName = assembly.GetName().Name;
        if (matches.Count > 1)
        {
            throw new ArgumentException(
                $"Widget template resource '{resourceName}' is ambiguous in assembly '{assemblyName}'; use one of the full names: {string.Join(", ", matches)}.",
                nameof(resourceName));
        }

        var widgets = names.Where(n => n.EndsWith(WidgetExtension, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        var available = widgets.Count == 0
            ? "it embeds no .widget resources (add them with <EmbeddedResource Include=\"...\" />)"
            : "its .widget resources are: " + string.Join(", ", widgets);
        throw new FileNotFoundException(
            $"Widget template resource '{resourceName}' was not found in assembly '{assemblyName}'; {available}.",
            resourceName);
    }

    /// <summary>Reads a manifest resource as UTF-8 text (a byte order mark is skipped).</summary>
    public static string ReadResource(Assembly assembly, string fullName)
    {
        using var stream = assembly.GetManifestResourceStream(fullName)
            ?? throw new FileNotFoundException($"Widget template resource '{fullName}' could not be opened in assembly '{assembly.GetName().Name}'.", fullName);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
