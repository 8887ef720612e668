using LocalAws.Api;
using LocalAws.Cli;
using LocalAws.Control;
using LocalAws.Hosts;

namespace LocalAws;

/// <content>Start, stop, and helpers for tests: images from directories, addresses of hosts and load balancers.</content>
public sealed partial class LocalAwsServer
{
    /// <summary>Registers an available image whose files are a copy of <paramref name="directory"/> (e.g. with www/).</summary>
    /// <param name="name">The AMI name.</param>
    /// <param name="directory">The directory to copy.</param>
    /// <param name="imageId">A fixed id, such as the <c>instance_settings.ami</c> of a configuration; null for a new one.</param>
    /// <returns>The image id.</returns>
    public string CreateImageFromDirectory(string name, string directory, string? imageId = null)
    {
        lock (cloud.State.Gate)
        {
            var image = ((Ec2Api)Services[0]).AddImage(name, directory, imageId: imageId);
            cloud.State.MakeAvailable(image);
            return image.Id;
        }
    }

    /// <summary>Gets the URL of an instance's web server.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <returns>http://address:port/.</returns>
    public Uri InstanceUri(string instanceId) => new($"http://{Inspect(s => s.Instances[instanceId].Address)}:{Options.InstanceHttpPort}/");

    /// <summary>Gets the URL of a classic load balancer's or target group's endpoint, by name.</summary>
    /// <param name="name">The load balancer name or target group name.</param>
    /// <returns>http://address:port/.</returns>
    public Uri LoadBalancerUri(string name) => new($"http://{Inspect(s =>
        s.LoadBalancers.TryGetValue(name, out var lb) ? lb.Address
        : s.TargetGroups.Values.FirstOrDefault(t => t.Name == name)?.Address ?? throw new ArgumentException($"No load balancer or target group named '{name}'.", nameof(name)))}:{Options.LoadBalancerHttpPort}/");

    /// <summary>Stops an instance's sshd (a fault: its SSH goes down while HTTP keeps serving).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <returns>A task.</returns>
    public Task StopSshAsync(string instanceId) => hosts?.StopSshAsync(instanceId) ?? Task.CompletedTask;

    /// <summary>Stops the loop, every instance host and endpoint, every sshd child, and deletes its temp directory.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await stopping.CancelAsync().ConfigureAwait(false);
        if (loopTask is not null)
        {
            await loopTask.ConfigureAwait(false);
        }

        await MiniKestrel.StopAsync(api).ConfigureAwait(false);
        if (hosts is not null)
        {
            await hosts.DisposeAsync().ConfigureAwait(false);
        }

        if (ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // a file still in use; the temp directory is left behind
            }
        }

        stopping.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        if (hosts is not null)
        {
            await LocalUsers.EnsureAsync().ConfigureAwait(false);
            var keys = string.Join('\n', Options.AuthorizedKeys.Select(k => k.Trim())) + "\n";
            await File.WriteAllTextAsync(hosts.AuthorizedKeysFile, keys, cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(hosts.AuthorizedKeysFile, (UnixFileMode)0x1A4); // 0644
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }

        BaseImageId = CreateBaseImage();
        var router = new ApiRouter(cloud, Services);
        api = await MiniKestrel.StartAsync("127.0.0.1", Options.Port, router.HandleAsync, cancellationToken).ConfigureAwait(false);
        Endpoint = MiniKestrel.BoundUri(api);
        if (Options.SeedFile is { } seed)
        {
            Seeder.Apply(this, seed);
        }

        if (Options.Tick > TimeSpan.Zero)
        {
            loopTask = Task.Run(() => loop.RunAsync(stopping.Token), CancellationToken.None);
        }
    }

    private string CreateBaseImage()
    {
        var source = Path.Combine(DataDirectory, "base-image");
        Directory.CreateDirectory(Path.Combine(source, "www"));
        File.WriteAllText(Path.Combine(source, "www", "index.html"), "<html><body><h1>LocalAws base image</h1></body></html>\n");
        File.WriteAllText(Path.Combine(source, "www", "healthcheck.html"), "OK\n");
        return CreateImageFromDirectory("localaws-base", source);
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            hosts?.KillAllNow();
            if (ownsDataDirectory)
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"LocalAws: could not kill instance sshd processes at exit: {error.Message}");
        }
    }
}
