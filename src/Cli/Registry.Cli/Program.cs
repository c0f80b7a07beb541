using Registry.Cli;

using var handler = new SocketsHttpHandler();
var app = new CliApp(Console.Out, Console.Error, Environment.GetEnvironmentVariable, handler);
return await app.RunAsync(args);
