using System.Diagnostics;

namespace Demo;

/// <summary>
/// What the demo needs on the machine: root (the instance hosts are real sshd processes that log in the user fabdeploy,
/// whom LocalAws creates), sshd, git and ssh-keygen. On a fresh Debian machine the missing packages are installed with
/// apt-get, as .ci/run does; elsewhere the demo says what to install.
/// </summary>
internal static class Prerequisites
{
    public static async Task EnsureAsync(Terminal terminal, CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("The demo runs as root: its instance hosts are real sshd processes that log in the user fabdeploy. Run `sudo ./build.sh --target=Demo`.");
        }

        var missing = new List<string>();
        if (!File.Exists("/usr/sbin/sshd"))
        {
            missing.Add("openssh-server");
        }

        if (!OnPath("ssh-keygen"))
        {
            missing.Add("openssh-client");
        }

        if (!OnPath("git"))
        {
            missing.Add("git");
        }

        if (missing.Count == 0)
        {
            return;
        }

        if (!OnPath("apt-get"))
        {
            throw new InvalidOperationException($"The demo needs {string.Join(", ", missing)} (sshd at /usr/sbin/sshd): install them and run it again.");
        }

        terminal.Info($"installing what the demo needs: {string.Join(" ", missing)} (apt-get, --no-install-recommends)");
        await AptAsync(cancellationToken, "update", "-qq");
        await AptAsync(cancellationToken, ["install", "-y", "-qq", "--no-install-recommends", .. missing]);
    }

    private static bool OnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, file)));

    private static async Task AptAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("apt-get") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start apt-get.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"apt-get {string.Join(' ', arguments)} failed ({process.ExitCode}): {(await error).Trim()} {(await output).Trim()}");
        }
    }
}
