using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ChatKit.Blazor.Tests;

/// <summary>The component's life cycle against bUnit's strict JS interop: what it calls, when, and with what.</summary>
public sealed class ComponentTests : IAsyncDisposable
{
    private const string ModulePath = "./_content/ChatKit.Blazor/chatkit-blazor.js";
    private readonly BunitContext context = new();

    private static ChatKitOptions Options(ColorScheme scheme = ColorScheme.Light) =>
        new() { Api = new ApiOptions { Url = "/chatkit" }, Theme = new ThemeOptions { ColorScheme = scheme } };

    private (BunitJSModuleInterop Module, BunitJSModuleInterop Binding) Interactive()
    {
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var module = context.JSInterop.SetupModule(ModulePath);
        var binding = module.SetupModule("create", _ => true);
        binding.SetupVoid("setOptions", _ => true).SetVoidResult();
        binding.SetupVoid("invoke", _ => true).SetVoidResult();
        binding.SetupVoid("dispose", _ => true).SetVoidResult();
        return (module, binding);
    }

    [Fact]
    public void PrerenderingEmitsAPlaceholderAndNoInterop()
    {
        context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var cut = context.Render<ChatKit>(p => p.Add(c => c.Options, Options()).Add(c => c.Class, "chat"));
        var placeholder = cut.Find("[data-chatkit-placeholder]");
        Assert.Contains("chat", placeholder.ClassList);
        Assert.Empty(cut.FindAll("openai-chatkit"));
        Assert.Empty(context.JSInterop.Invocations);
    }

    [Fact]
    public void StartsTheElementWithItsOptionsHandlersAndEvents()
    {
        var (module, _) = Interactive();
        context.Render<ChatKit>(p => p
            .Add(c => c.Options, Options())
            .Add(c => c.OnThreadChange, (ChatKitThreadEventArgs _) => { })
            .Add(c => c.OnClientTool, (_, _) => Task.FromResult<JsonNode?>(null)));

        var create = Assert.Single(module.Invocations["create"]);
        Assert.Equal("/chatkit/chatkit.js", create.Arguments[2]);
        Assert.Equal("""{"api":{"url":"/chatkit"},"theme":{"colorScheme":"light"}}""", create.Arguments[3]);
        Assert.Equal(["clientTool"], (string[])create.Arguments[4]!);
        Assert.Equal(["chatkit.thread.change"], (string[])create.Arguments[5]!);
    }

    [Fact]
    public void ChangedOptionsAreAppliedWithSetOptionsNotARecreate()
    {
        var (module, binding) = Interactive();
        var cut = context.Render<ChatKit>(p => p.Add(c => c.Options, Options()));

        cut.Render(p => p.Add(c => c.Options, Options(ColorScheme.Dark)));
        cut.Render(p => p.Add(c => c.Options, Options(ColorScheme.Dark))); // equal value: nothing to apply

        Assert.Single(module.Invocations["create"]);
        var set = Assert.Single(binding.Invocations["setOptions"]);
        Assert.Equal("""{"api":{"url":"/chatkit"},"theme":{"colorScheme":"dark"}}""", set.Arguments[0]);
    }

    [Fact]
    public async Task MethodsCallTheElementWithJsonArguments()
    {
        var (_, binding) = Interactive();
        var cut = context.Render<ChatKit>(p => p.Add(c => c.Options, Options()));

        await cut.InvokeAsync(() => cut.Instance.SendUserMessageAsync(new UserMessage { Text = "hi", NewThread = true }));
        await cut.InvokeAsync(() => cut.Instance.SetThreadIdAsync(null));
        await cut.InvokeAsync(() => cut.Instance.SendCustomActionAsync(new ChatKitAction("a.b", new JsonObject { ["n"] = 1 }), "itm_1"));

        var calls = binding.Invocations["invoke"].Select(i => $"{i.Arguments[0]} {i.Arguments[1]}").ToList();
        Assert.Equal(
            ["""sendUserMessage [{"text":"hi","newThread":true}]""", "setThreadId [null]", """sendCustomAction [{"type":"a.b","payload":{"n":1}},"itm_1"]"""],
            calls);
    }

    [Fact]
    public async Task MethodsBeforeTheElementStartedSayWhy()
    {
        context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var cut = context.Render<ChatKit>(p => p.Add(c => c.Options, Options()));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => cut.Instance.FocusComposerAsync());
        Assert.Contains("not ready", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ElementEventsRaiseTheirCallbacks()
    {
        Interactive();
        var seen = new List<string>();
        var cut = context.Render<ChatKit>(p => p
            .Add(c => c.Options, Options())
            .Add(c => c.OnReady, () => seen.Add("ready"))
            .Add(c => c.OnThreadChange, (ChatKitThreadEventArgs e) => seen.Add("thread " + e.ThreadId))
            .Add(c => c.OnError, (ChatKitErrorEventArgs e) => seen.Add($"error {e.Name}: {e.Message}"))
            .Add(c => c.OnEffect, (ChatKitEffectEventArgs e) => seen.Add($"effect {e.Name} {e.Data?.ToJsonString()}"))
            .Add(c => c.OnDeeplink, (ChatKitDeeplinkEventArgs e) => seen.Add($"deeplink {e.Name} {e.Data?["id"]}")));

        await cut.InvokeAsync(() => cut.Instance.OnElementEvent("chatkit.ready", null));
        await cut.InvokeAsync(() => cut.Instance.OnElementEvent("chatkit.thread.change", """{"threadId":"thr_1"}"""));
        await cut.InvokeAsync(() => cut.Instance.OnElementEvent("chatkit.thread.change", """{"threadId":null}"""));
        await cut.InvokeAsync(() => cut.Instance.OnElementEvent("chatkit.error", """{"message":"HTTP 500","name":"HttpError"}"""));
        await cut.InvokeAsync(() => cut.Instance.OnElementEvent("chatkit.effect", """{"name":"toast","data":{"m":1}}"""));
        await cut.InvokeAsync(() => cut.Instance.OnElementEvent("chatkit.deeplink", """{"name":"order","data":{"id":"7"}}"""));

        Assert.Equal(["ready", "thread thr_1", "thread ", "error HttpError: HTTP 500", """effect toast {"m":1}""", "deeplink order 7"], seen);
        await Assert.ThrowsAsync<ArgumentException>(() => cut.InvokeAsync(() => cut.Instance.OnElementEvent("chatkit.nope", null)));
    }

    [Fact]
    public async Task HandlersReturnJsonOrTheErrorMessage()
    {
        Interactive();
        var cut = context.Render<ChatKit>(p => p
            .Add(c => c.Options, Options())
            .Add(c => c.OnClientTool, (call, _) => call.Name == "add"
                ? Task.FromResult<JsonNode?>(new JsonObject { ["sum"] = call.Params["a"]!.GetValue<int>() + call.Params["b"]!.GetValue<int>() })
                : throw new InvalidOperationException($"Unknown tool {call.Name}"))
            .Add(c => c.OnEntitySearch, (query, _) => Task.FromResult<IReadOnlyList<ChatKitEntity>>([new ChatKitEntity { Id = "p1", Title = query.ToUpperInvariant() }])));

        Assert.Equal("""{"value":{"sum":5}}""", await cut.InvokeAsync(() => cut.Instance.InvokeHandler("clientTool", """{"name":"add","params":{"a":2,"b":3}}""")));
        Assert.Equal("""{"error":"Unknown tool sub"}""", await cut.InvokeAsync(() => cut.Instance.InvokeHandler("clientTool", """{"name":"sub","params":{}}""")));
        Assert.Equal("""{"value":[{"id":"p1","title":"ADA"}]}""", await cut.InvokeAsync(() => cut.Instance.InvokeHandler("tagSearch", "\"ada\"")));
        Assert.Contains("no handler", await cut.InvokeAsync(() => cut.Instance.InvokeHandler("commandSearch", "\"x\"")), StringComparison.Ordinal);
        Assert.Contains("Unknown ChatKit handler", await cut.InvokeAsync(() => cut.Instance.InvokeHandler("nope", "null")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WidgetActionsReachTheCallback()
    {
        Interactive();
        WidgetActionEventArgs? got = null;
        var cut = context.Render<ChatKit>(p => p.Add(c => c.Options, Options()).Add(c => c.OnWidgetAction, (WidgetActionEventArgs e) => got = e));
        var result = await cut.InvokeAsync(() => cut.Instance.InvokeHandler(
            "widgetAction", """{"action":{"type":"demo.client","payload":{"count":2}},"itemId":"itm_9","widget":{"type":"Card"}}"""));
        Assert.Equal("{}", result);
        Assert.Equal("demo.client", got?.Action.Type);
        Assert.Equal(2, got?.Action.Payload?["count"]?.GetValue<int>());
        Assert.Equal("itm_9", got?.ItemId);
        Assert.Equal("Card", got?.Widget?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task DisposingAfterTheBrowserLeftDoesNotThrow()
    {
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var module = context.JSInterop.SetupModule(ModulePath);
        var binding = module.SetupModule("create", _ => true);
        binding.SetupVoid("dispose", _ => true).SetException(new JSDisconnectedException("the circuit is gone"));
        context.Render<ChatKit>(p => p.Add(c => c.Options, Options()));

        await context.DisposeComponentsAsync();
        Assert.Single(binding.Invocations["dispose"]);
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
