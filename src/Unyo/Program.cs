using Unyo.Cli;

return await UnyoCli.RunAsync(args, Console.Out, Console.Error, Console.In);

// The entry point's class, named so that tests can host the app (WebApplicationFactory&lt;Program&gt;).
public partial class Program;
