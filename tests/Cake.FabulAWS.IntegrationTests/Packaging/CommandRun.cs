using System.Diagnostics;
using System.Text;

namespace Cake.FabulAWS.IntegrationTests.Packaging;

/// <summary>A finished command: exit code, interleaved output and how long it took.</summary>
public sealed record CommandRun(string Command, int ExitCode, string Output, TimeSpan Duration)
{
    /// <summary>Runs a command with argv, closed stdin and a time limit; kills its process tree on time-out.</summary>
    public static async Task<CommandRun> RunAsync(
        string workingDirectory,
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var command = fileName + " " + string.Join(' ', startInfo.ArgumentList);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        var watch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"`{command}` did not finish within {timeout}; it was killed. Output so far:\n{Read(output)}");
        }

        return new CommandRun(command, process.ExitCode, Read(output), watch.Elapsed);
    }

    /// <summary>Throws with the whole output unless the command succeeded.</summary>
    public CommandRun EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"`{Command}` exited with {ExitCode}:\n{Output}");

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
