using ChatKit.AspNetCore;
using ChatKit.Demo;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);

// http://127.0.0.1:8000 unless --urls (or ASPNETCORE_URLS) says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8000");
}

var dataDirectory = Path.GetFullPath(builder.Configuration["ChatKit:DataDirectory"] ?? ".chatkit");
Directory.CreateDirectory(dataDirectory);

// Keys persist with the data so anonymous users keep their threads across restarts.
builder.Services.AddDataProtection()
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")))
    .SetApplicationName("ChatKit.Demo");
builder.Services.AddSingleton(DemoStores.Create(builder.Configuration, dataDirectory));
builder.Services.AddChatKit<OfflineAssistant>(options => options.AllowAnonymousUsers = true);

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapChatKit("/chatkit");

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"ChatKit demo: open {url}/ (data in {dataDirectory})");
    }
});

app.Run();
