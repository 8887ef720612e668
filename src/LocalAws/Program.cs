using LocalAws;
using LocalAws.Cli;
using LocalAws.Observability;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

LocalAwsOptions options;
bool watch;
try
{
    (options, watch) = CommandLine.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or IOException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true; // stop cleanly below instead of exiting now
    stop.TrySetResult();
});
LocalAwsServer server;
try
{
    server = await LocalAwsServer.StartAsync(options);
}
catch (Exception e) when (e is InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"LocalAws could not start: {e.Message}");
    return 1;
}

await using var running = server;
Console.WriteLine($"LocalAws listening on {server.Endpoint} (data {server.DataDirectory}, base image {server.BaseImageId}).");
Console.WriteLine($"  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x /usr/bin/aws --endpoint-url {server.Endpoint} --region {options.Region} autoscaling describe-auto-scaling-groups");
Console.WriteLine("Ctrl+C stops it and every instance host.");
while (!stop.Task.IsCompleted)
{
    if (watch)
    {
        if (!Console.IsOutputRedirected)
        {
            Console.Clear();
        }

        Console.WriteLine(ConsoleView.Render(server));
    }

    await Task.WhenAny(stop.Task, Task.Delay(TimeSpan.FromSeconds(1)));
}

Console.WriteLine("LocalAws: stopping instance hosts...");
return 0;
