return await Berth.Supervisor.Cli.CliMain.RunAsync(args);
