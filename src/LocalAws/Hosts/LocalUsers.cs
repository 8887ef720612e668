using System.Diagnostics;

namespace LocalAws.Hosts;

/// <summary>Makes sure the OS user that SSH sessions log in as exists and may log in with a key.</summary>
public static class LocalUsers
{
    /// <summary>The user LocalAws's instance hosts and the tests log in as.</summary>
    public const string DeployUser = "fabdeploy";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Creates the user when missing (needs root) and unlocks it for key logins (sshd refuses '!' with UsePAM no).</summary>
    /// <param name="name">The user name.</param>
    /// <returns>A task.</returns>
    public static async Task EnsureAsync(string name = DeployUser)
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (await RunAsync("id", "-u", name).ConfigureAwait(false) == 0)
            {
                return;
            }

            if (await RunAsync("useradd", "-m", "-s", "/bin/bash", name).ConfigureAwait(false) != 0
                || await RunAsync("usermod", "-p", "*", name).ConfigureAwait(false) != 0)
            {
                throw new InvalidOperationException($"Could not create the local user '{name}' (needs root): run .ci/run once, or `useradd -m -s /bin/bash {name} && usermod -p '*' {name}`.");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<int> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }
}
