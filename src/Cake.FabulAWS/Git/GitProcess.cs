using System.ComponentModel;
using System.Diagnostics;

namespace Cake.FabulAWS.Git;

/// <summary>Runs one git command with an argument vector, a working directory, closed stdin and a time limit.</summary>
internal static class GitProcess
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    /// <summary>Runs git and collects its output; a non-zero exit code is returned, not thrown.</summary>
    /// <param name="options">Where and with which environment.</param>
    /// <param name="arguments">The arguments after <c>git</c>, passed as they are (no shell).</param>
    /// <param name="timeout">How long the command may run before it is killed.</param>
    /// <param name="batchSsh">Whether to make ssh non-interactive (see <see cref="GitEnvironment.BatchSshCommand"/>).</param>
    /// <param name="cancellationToken">Cancels the call and kills the process.</param>
    /// <returns>The exit code and output.</returns>
    public static async Task<GitResult> RunAsync(
        GitCommandLineOptions options,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        bool batchSsh,
        CancellationToken cancellationToken)
    {
        var command = GitText.Render(arguments);
        using var process = new Process { StartInfo = CreateStartInfo(options, arguments, batchSsh) };
        Start(process, options, command);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // The output is awaited under the same deadline: a child that keeps a pipe open cannot hang the call.
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            await Task.WhenAll(output, error).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw GitErrors.TimedOut(command, options.WorkingDirectory, timeout);
        }

        return new GitResult(command, process.ExitCode, output.Result, error.Result);
    }

    private static ProcessStartInfo CreateStartInfo(GitCommandLineOptions options, IReadOnlyList<string> arguments, bool batchSsh)
    {
        var startInfo = new ProcessStartInfo(options.GitExecutable)
        {
            WorkingDirectory = options.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        GitEnvironment.Apply(startInfo, options, batchSsh);
        return startInfo;
    }

    private static void Start(Process process, GitCommandLineOptions options, string command)
    {
        if (!Directory.Exists(options.WorkingDirectory))
        {
            throw GitErrors.MissingDirectory(options.WorkingDirectory);
        }

        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw GitErrors.GitNotFound(options.GitExecutable, command, exception);
        }
    }

    private static async Task KillAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }

        using var drain = new CancellationTokenSource(DrainLimit);
        try
        {
            await process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Nothing more can be done; the caller reports the time-out.
        }
    }
}
