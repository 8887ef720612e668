namespace Demo;

/// <summary>The entry point: parses the options, runs the demo (or only the sweep of a work directory), sets the exit code.</summary>
internal static class DemoProgram
{
    public static async Task<int> MainAsync(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(DemoOptions.Usage);
            return 0;
        }

        DemoOptions options;
        try
        {
            options = DemoOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        if (options.SweepOnly)
        {
            var swept = Sweeper.Sweep(options.WorkDirectory);
            Console.WriteLine(swept.Describe(options.WorkDirectory));
            return swept.Clean ? 0 : 1;
        }

        using var interrupts = new Interrupts(Terminal.Shared);
        var report = await new DemoRun(options, Terminal.Shared, interrupts).RunAsync();
        return report.Succeeded ? 0 : interrupts.ExitCode ?? 1;
    }
}
