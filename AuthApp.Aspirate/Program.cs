using AuthApp.Aspirate.Cli;

// authapp-aspirate generate | apply | destroy: Aspirate's verbs over the manifest the AppHost publishes.
return await new AspirateCommandLine(Console.Out, Console.Error, Console.In, Directory.GetCurrentDirectory())
    .InvokeAsync(args, CancellationToken.None);
