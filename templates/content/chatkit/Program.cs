using ChatKit.AspNetCore;
using ChatKitApp;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);

// Threads live in SQLite under the data directory (default: .chatkit in the working directory).
var dataDirectory = Path.GetFullPath(builder.Configuration["ChatKit:DataDirectory"] ?? ".chatkit");
Directory.CreateDirectory(dataDirectory);

// Anonymous users are told apart by a protected cookie; keeping the keys with the data lets them find their
// threads again after a restart.
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

// ChatKit: the server and its store; options come from the ChatKit section of appsettings.json. Drop
// AllowAnonymousUsers once the app has sign-in.
builder.Services.AddChatKit<EchoServer>(options => options.AllowAnonymousUsers = true)
    .AddSqliteStore(options =>
    {
        if (string.IsNullOrEmpty(options.FilePath))
        {
            options.FilePath = Path.Combine(dataDirectory, "chatkit.db");
        }
    });

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();

// The protocol endpoint, and the <openai-chatkit> element's script at /chatkit/chatkit.js.
app.MapChatKit("/chatkit");

app.Run();
