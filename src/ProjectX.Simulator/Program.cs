using ProjectX.Simulator;

// projectx-simulator [--port 5000 | --urls URLS] [--config simulator.json] [--seed N] [--user-payload bare|wrapped] [--load N] [--fault-control]
return await SimulatorCommandLine.RunAsync(args, Console.Out, Console.Error);
