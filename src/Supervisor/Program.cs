return await Berth.Supervisor.Daemon.DaemonCommand.RunAsync(args);
