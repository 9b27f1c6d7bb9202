using ChatKit.Demo;

await DemoApplication.Create(args).RunAsync();
