using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ChatKit.Widgets.Templates.Jinja;
using ChatKit.Widgets.Templates.Schema;

namespace ChatKit.Widgets.Templates;

/// <summary>
/// A <c>.widget</c> file exported by ChatKit Studio (docs/widgets.md §9): a Jinja template producing widget JSON plus its
/// data schema and metadata. The template (and schema) are compiled once when the file is loaded; rendering evaluates
/// the compiled tree, so an instance is cheap to render many times and safe to share between threads.
/// </summary>
/// <remarks>
/// Template semantics follow the reference (Jinja2 with <c>StrictUndefined</c>, autoescape off, default whitespace
/// settings): referencing a missing variable or attribute is an error even inside <c>{% if %}</c>.
/// </remarks>
public sealed class WidgetTemplate
{
    /// <summary>The only supported <c>version</c> value.</summary>
    public const string SupportedVersion = "1.0";

    private static readonly IReadOnlyDictionary<string, object?> NoVariables = new Dictionary<string, object?>();

    private readonly JinjaTemplate _template;
    private readonly JsonSchemaValidator? _validator;

    private WidgetTemplate(JsonObject definition, string displayName, WidgetTemplateOptions options)
    {
        Options = options;
        Version = RequireString(definition, "version", displayName);
        if (Version != SupportedVersion)
        {
            throw new WidgetTemplateException($"Widget template '{displayName}': unsupported widget spec version '{Version}' (only \"{SupportedVersion}\" is supported).");
        }

        Name = OptionalString(definition, "name", displayName);
        DisplayName = displayName;
        Template = RequireString(definition, "template", displayName);
        JsonSchema = definition["jsonSchema"] switch
        {
            null => null,
            JsonObject schema => schema,
            var other => throw new WidgetTemplateException($"Widget template '{displayName}': 'jsonSchema' must be an object, got {other.GetValueKind()}."),
        };
        OutputJsonPreview = definition["outputJsonPreview"] as JsonObject;
        EncodedWidget = OptionalString(definition, "encodedWidget", displayName);

        _template = JinjaTemplate.Compile(Template, displayName);
        if (JsonSchema is not null)
        {
            try
            {
                _validator = JsonSchemaValidator.Compile(JsonSchema);
            }
            catch (WidgetTemplateException e)
            {
                throw new WidgetTemplateException($"Widget template '{displayName}': {e.Message}", e);
            }
        }
    }

    /// <summary>The file's <c>version</c> (always <c>"1.0"</c>).</summary>
    public string Version { get; }

    /// <summary>The file's <c>name</c> (display name in the Studio), if present.</summary>
    public string? Name { get; }

    /// <summary>The name used in error messages: the file name when loaded from a file, else <see cref="Name"/>.</summary>
    public string DisplayName { get; }

    /// <summary>The Jinja template source (the file's <c>template</c>).</summary>
    public string Template { get; }

    /// <summary>
    /// The file's <c>jsonSchema</c> describing the data the template expects, if present. It is compiled at load;
    /// changing this node afterwards does not change validation.
    /// </summary>
    public JsonObject? JsonSchema { get; }

    /// <summary>The Studio's sample rendering (<c>outputJsonPreview</c>), if present. Not used for rendering.</summary>
    public JsonObject? OutputJsonPreview { get; }

    /// <summary>The Studio source (<c>encodedWidget</c>, base64url), if present. Not used for rendering.</summary>
    public string? EncodedWidget { get; }

    /// <summary>The options the template was loaded with.</summary>
    public WidgetTemplateOptions Options { get; }

    /// <summary>Parses the JSON text of a <c>.widget</c> file and compiles its template.</summary>
    /// <param name="json">The file contents.</param>
    /// <param name="options">Options; <see cref="WidgetTemplateOptions.Default"/> when null.</param>
    /// <exception cref="WidgetTemplateException">The file is not valid JSON, lacks <c>version</c>/<c>template</c>, or has an unsupported version.</exception>
    /// <exception cref="WidgetTemplateSyntaxException">The template is malformed.</exception>
    public static WidgetTemplate Parse(string json, WidgetTemplateOptions? options = null) => Parse(json, null, options);

    /// <summary>Loads and compiles a <c>.widget</c> file.</summary>
    /// <param name="path">Path of the file.</param>
    /// <param name="options">Options; <see cref="WidgetTemplateOptions.Default"/> when null.</param>
    public static WidgetTemplate Load(string path, WidgetTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path), options);
    }

    /// <summary>Loads and compiles a <c>.widget</c> file asynchronously.</summary>
    public static Task<WidgetTemplate> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        LoadAsync(path, null, cancellationToken);

    /// <summary>Loads and compiles a <c>.widget</c> file asynchronously with options.</summary>
    public static async Task<WidgetTemplate> LoadAsync(string path, WidgetTemplateOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(json, Path.GetFileName(path), options);
    }

    /// <summary>
    /// Loads a <c>.widget</c> file by a path relative to the calling source file, like the reference's
    /// <c>WidgetTemplate.from_file</c>. When the file is not there (a deployed app has no source tree), it is looked
    /// for under <see cref="AppContext.BaseDirectory"/>, so an app can ship the file next to its binaries
    /// (<c>CopyToOutputDirectory</c>). A rooted path is loaded as is.
    /// </summary>
    /// <param name="relativePath">Path of the file, relative to the caller's source directory, e.g. <c>"widgets/card.widget"</c>.</param>
    /// <param name="options">Options; <see cref="WidgetTemplateOptions.Default"/> when null.</param>
    /// <param name="callerFilePath">Supplied by the compiler; pass it only to resolve against another file.</param>
    /// <exception cref="FileNotFoundException">The file is in none of the places; the message lists them.</exception>
    public static WidgetTemplate FromFile(string relativePath, WidgetTemplateOptions? options = null, [CallerFilePath] string callerFilePath = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        ArgumentNullException.ThrowIfNull(callerFilePath);
        return Load(WidgetTemplateLocator.Resolve(relativePath, callerFilePath), options);
    }

    /// <summary>
    /// Loads a <c>.widget</c> file embedded in <paramref name="assembly"/> (<c>&lt;EmbeddedResource Include="…" /&gt;</c>),
    /// which travels with the binary wherever it is deployed.
    /// </summary>
    /// <param name="assembly">The assembly holding the resource, e.g. <c>typeof(MyServer).Assembly</c>.</param>
    /// <param name="resourceName">
    /// The full manifest resource name, or a unique suffix of it after a dot: <c>"card.widget"</c> or
    /// <c>"Widgets/card.widget"</c> finds <c>MyApp.Widgets.card.widget</c>.
    /// </param>
    /// <param name="options">Options; <see cref="WidgetTemplateOptions.Default"/> when null.</param>
    /// <exception cref="FileNotFoundException">No resource matches; the message lists the assembly's <c>.widget</c> resources.</exception>
    /// <exception cref="ArgumentException">Several resources end with the name; the message lists them.</exception>
    public static WidgetTemplate FromEmbeddedResource(Assembly assembly, string resourceName, WidgetTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        var fullName = WidgetTemplateLocator.ResolveResource(assembly, resourceName);
        return Parse(WidgetTemplateLocator.ReadResource(assembly, fullName), fullName, options);
    }

    /// <summary>
    /// Renders the widget with <paramref name="data"/>'s top-level properties as template variables
    /// (<see langword="null"/> = no variables), after validating the data against <see cref="JsonSchema"/> when
    /// <see cref="WidgetTemplateOptions.ValidateData"/> is on (it is off by default).
    /// </summary>
    /// <returns>The widget root (<c>Card</c>, <c>ListView</c> or <c>Basic</c>) with null-valued properties removed recursively.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is not a JSON object.</exception>
    /// <exception cref="WidgetDataValidationException">Validation is on and the data does not match the schema.</exception>
    /// <exception cref="WidgetTemplateRenderException">Evaluation failed (undefined variable or attribute, type error...).</exception>
    /// <exception cref="WidgetTemplateOutputException">The output is not JSON or not a valid widget root.</exception>
    public JsonObject Render(JsonNode? data)
    {
        var variables = data switch
        {
            null => NoVariables,
            JsonObject obj => (Dictionary<string, object?>)JsonValues.FromNode(obj)!,
            _ => throw new ArgumentException($"Widget template data must be a JSON object, got {data.GetValueKind()}.", nameof(data)),
        };
        return RenderVariables(variables);
    }

    /// <summary>Renders with a typed data object, serialized with <paramref name="typeInfo"/> (reflection-free, AOT-safe).</summary>
    /// <exception cref="ArgumentException">The data does not serialize to a JSON object (or null).</exception>
    public JsonObject Render<T>(T data, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(data, typeInfo);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        var variables = reader.TokenType switch
        {
            JsonTokenType.Null => NoVariables,
            JsonTokenType.StartObject => (Dictionary<string, object?>)JsonValues.FromReader(ref reader)!,
            _ => throw new ArgumentException($"Widget template data must serialize to a JSON object, got {reader.TokenType}.", nameof(data)),
        };
        return RenderVariables(variables);
    }

    /// <summary>
    /// Renders like <see cref="Render(JsonNode?)"/> and returns the typed root (<see cref="Card"/>,
    /// <see cref="ListView"/> or <see cref="Basic"/>), ready for a <c>widget</c> item or <see cref="WidgetDiff"/>.
    /// </summary>
    /// <exception cref="WidgetTemplateOutputException">The output is not JSON or not a widget root.</exception>
    public WidgetRoot RenderRoot(JsonNode? data) => WidgetRoot.FromJson(Render(data));

    /// <summary>Renders typed data (see <see cref="Render{T}(T, JsonTypeInfo{T})"/>) and returns the typed root.</summary>
    public WidgetRoot RenderRoot<T>(T data, JsonTypeInfo<T> typeInfo) => WidgetRoot.FromJson(Render(data, typeInfo));

    /// <summary>Renders and returns the root as <typeparamref name="TRoot"/>, e.g. <c>RenderRoot&lt;Card&gt;(data)</c>.</summary>
    /// <exception cref="WidgetTemplateOutputException">The output is not a widget root, or a root of another type.</exception>
    public TRoot RenderRoot<TRoot>(JsonNode? data)
        where TRoot : WidgetRoot
    {
        var root = RenderRoot(data);
        return root as TRoot ?? throw new WidgetTemplateOutputException(
            $"Widget template '{DisplayName}' rendered a {root.Type}, not the {typeof(TRoot).Name} the caller expects.",
            root.Json.ToJsonString());
    }

    /// <summary>Renders the template text without parsing it as JSON (useful for debugging templates).</summary>
    public string RenderText(JsonNode? data)
    {
        var variables = data switch
        {
            null => NoVariables,
            JsonObject obj => (Dictionary<string, object?>)JsonValues.FromNode(obj)!,
            _ => throw new ArgumentException($"Widget template data must be a JSON object, got {data.GetValueKind()}.", nameof(data)),
        };
        Validate(variables);
        return _template.Render(variables, Template.Length * 2);
    }

    private JsonObject RenderVariables(IReadOnlyDictionary<string, object?> variables)
    {
        Validate(variables);
        var output = new System.Text.StringBuilder(Template.Length * 2);
        _template.RenderTo(output, variables);
        return WidgetOutputReader.Read(output, DisplayName);
    }

    private void Validate(IReadOnlyDictionary<string, object?> variables)
    {
        if (_validator is null || !Options.ValidateData)
        {
            return;
        }

        var data = variables as Dictionary<string, object?> ?? new Dictionary<string, object?>(variables);
        var errors = _validator.Validate(data);
        if (errors.Count > 0)
        {
            throw new WidgetDataValidationException(DisplayName, errors);
        }
    }

    private static WidgetTemplate Parse(string json, string? fileName, WidgetTemplateOptions? options)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new WidgetTemplateException($"Widget template '{fileName ?? "<string>"}' is not valid JSON: {e.Message}", e);
        }

        if (node is not JsonObject definition)
        {
            throw new WidgetTemplateException($"Widget template '{fileName ?? "<string>"}' must be a JSON object.");
        }

        var name = definition["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        return new WidgetTemplate(definition, fileName ?? name ?? "<widget template>", options ?? WidgetTemplateOptions.Default);
    }

    private static string RequireString(JsonObject definition, string key, string displayName) =>
        OptionalString(definition, key, displayName)
        ?? throw new WidgetTemplateException($"Widget template '{displayName}' has no '{key}' string.");

    private static string? OptionalString(JsonObject definition, string key, string displayName) => definition[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => throw new WidgetTemplateException($"Widget template '{displayName}': '{key}' must be a string, got {other.GetValueKind()}."),
    };
}
