// The Demo target: builds src/Demo and runs it. The program starts LocalAws with deploy/localaws-seed.json, makes a
// throwaway clone of the demo app (fabulaws-config.yml and deploy/) with a bare origin, and runs this pipeline's real
// targets against environment local of the clone as child runs, exactly as a user would (`dotnet cake build/build.cake
// --target=X --environment=local --config=CLONE/fabulaws-config.yml --skip-tests`), while a client polls the load
// balancer; then it prints the report and writes it as JSON (--demo-report, default artifacts/demo/report.json).
// Ctrl-C and SIGTERM stop it into its cleanup (this task forwards them); should it be killed before it could clean up,
// the sweep below kills what still uses its work folder and deletes it.
using System.Diagnostics;
using System.Runtime.InteropServices;

public static class Demo
{
    public static void Run(ICakeContext context, BuildParameters parameters)
    {
        var root = parameters.RepositoryRoot;
        var report = context.MakeAbsolute(new FilePath(context.Argument("demo-report", root.CombineWithFilePath("artifacts/demo/report.json").FullPath))).FullPath;
        var timeScale = context.Argument<string>("demo-time-scale", null);
        context.DotNetBuild(root.CombineWithFilePath("src/Demo/Demo.csproj").FullPath, new DotNetBuildSettings { Configuration = "Release", Verbosity = DotNetVerbosity.Quiet, NoLogo = true });

        var dll = root.CombineWithFilePath("src/Demo/bin/Release/net10.0/Demo.dll").FullPath;
        var work = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fabulaws-demo-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        var arguments = new List<string> { dll, "--repository", root.FullPath, "--work", work, "--report", report };
        if (timeScale is not null)
        {
            arguments.AddRange(new[] { "--time-scale", timeScale });
        }

        if (context.HasArgument("demo-create-environment"))
        {
            arguments.Add("--create-environment"); // the hook for CreateEnvironment: LocalAws without the seeded group
        }

        int exitCode;
        PosixSignal? received = null;
        using (var process = Start(arguments)) // stdin, stdout and stderr are this terminal's
        {
            // A terminal's Ctrl-C reaches the demo too; SIGTERM sent to this process alone must reach it as well.
            void Forward(PosixSignalContext signal)
            {
                signal.Cancel = true; // wait below for the demo's cleanup
                received ??= signal.Signal;
                if (!process.HasExited)
                {
                    Start(new[] { signal.Signal == PosixSignal.SIGINT ? "-INT" : "-TERM", process.Id.ToString() }, "kill").Dispose();
                }
            }

            using (PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward))
            using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward))
            {
                process.WaitForExit();
            }

            exitCode = process.ExitCode;
        }

        if (System.IO.Directory.Exists(work))
        {
            context.Warning("The demo ended without its cleanup (exit code {0}): sweeping {1}.", exitCode, work);
            using var sweep = Start(new List<string> { dll, "--sweep", "--work", work });
            sweep.WaitForExit();
        }

        if (received is not null)
        {
            throw new CakeException($"The demo was stopped by {received} (exit code {exitCode}); it cleaned up after itself.");
        }

        if (exitCode != 0)
        {
            throw new CakeException($"The demo failed (exit code {exitCode}): see its report above and {report}.");
        }
    }

    private static Process Start(IEnumerable<string> arguments, string file = "dotnet")
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new CakeException($"Could not start {file}.");
    }
}
