using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

// The WebAssembly side of the demo: the server hosts the page, this runs its components in the browser.
await WebAssemblyHostBuilder.CreateDefault(args).Build().RunAsync();
