using ChatKit.AspNetCore;
using ChatKit.Sqlite;
using ChatKit.Stores;
using ChatKitApp;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);

// Threads live in SQLite under the data directory (default: .chatkit in the working directory).
var dataDirectory = Path.GetFullPath(builder.Configuration["ChatKit:DataDirectory"] ?? ".chatkit");
Directory.CreateDirectory(dataDirectory);

// Anonymous users are told apart by a protected cookie; keeping the keys with the data lets them find their
// threads again after a restart.
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

// ChatKit: the store, then the server. Drop AllowAnonymousUsers once the app has sign-in.
builder.Services.AddSingleton<IStore<ChatKitRequestContext>>(_ => new SqliteStore<ChatKitRequestContext>(Path.Combine(dataDirectory, "chatkit.db")));
builder.Services.AddChatKit<EchoServer>(options => options.AllowAnonymousUsers = true);

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();

// The protocol endpoint, and the <openai-chatkit> element's script at /chatkit/chatkit.js.
app.MapChatKit("/chatkit");

app.Run();
