using System.Text;
using global::LocalAws.Faults;
using global::LocalAws.Hosts;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>
/// CreateLaunchConfig stopped by SIGTERM (a cancelled CI job) or SIGINT (Ctrl-C) while AWS makes the image, its answer
/// not back yet: the run terminates the builder, removes the image it asked for (found by its name) with its snapshots,
/// makes no launch source and writes no name for a later deploy, then fails saying so.
/// </summary>
public sealed class CreateLaunchConfigInterruptTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync()
    {
        app = await AppEnvironment.StartAsync(instances: 1);
        app.Config["provision_commands"] = "['mkdir -p ~/www && cp -R {{code_root}}/www/. ~/www/']";
        await app.WriteConfigAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData(15, "SIGTERM")]
    [InlineData(2, "SIGINT")]
    public async Task Should_Leave_No_Builder_Image_Or_Version_When_Stopped_While_The_Image_Is_Made(int signal, string name)
    {
        // Given: the image is being made, and the run has not heard back
        var (images, snapshots, versions) = app.Inspect(s => (s.Images.Count, s.Snapshots.Count, s.LaunchTemplates.Values.Single(t => t.Name == AppEnvironment.Template).Versions.Count));
        var held = app.Aws.Faults.HoldNext("CreateImage", HoldMode.Apply);
        using var cake = CakeRun.Start(app.CakeEnvironment(), app.CakeArguments("CreateLaunchConfig"));
        var log = new StringBuilder();
        var reading = CakeRun.ReadAllAsync(cake, log);
        var exited = cake.WaitForExitAsync();
        Assert.True(await Task.WhenAny(held, exited).WaitAsync(TimeSpan.FromMinutes(3)) == held, $"CreateLaunchConfig ended before it called CreateImage:\n{log}");
        Assert.Equal(images + 1, app.Inspect(s => s.Images.Count));

        // When
        foreach (var pid in ProcessTree.Descendants([cake.Id]).Append(cake.Id))
        {
            ProcessTree.Signal(pid, signal);
        }

        app.Aws.Faults.Release();
        await exited.WaitAsync(TimeSpan.FromMinutes(2));
        await reading;

        // Then: it said so, and LocalAws holds nothing it made
        output.WriteLine(log.ToString());
        Assert.NotEqual(0, cake.ExitCode);
        Assert.Contains($"CreateLaunchConfig on demo/local was stopped by {name}", log.ToString());
        var state = app.Inspect(s => (
            Builders: s.Instances.Values.Where(i => i.Tags.GetValueOrDefault("role") == "web-builder").Select(i => i.State).ToList(),
            Images: s.Images.Values.Count(i => i.State != "deregistered"),
            Snapshots: s.Snapshots.Count,
            Versions: s.LaunchTemplates.Values.Single(t => t.Name == AppEnvironment.Template).Versions.Count));
        Assert.NotEmpty(state.Builders);
        Assert.All(state.Builders, b => Assert.Contains(b, new[] { "shutting-down", "terminated" }));
        Assert.Equal((images, snapshots, versions), (state.Images, state.Snapshots, state.Versions));
        Assert.False(File.Exists(Path.Combine(app.Repository, "artifacts", "launch-config.txt")));
    }
}
