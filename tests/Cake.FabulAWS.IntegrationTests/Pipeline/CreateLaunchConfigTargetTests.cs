using System.Net.Http;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>CreateLaunchConfig through the pipeline against LocalAws with real instance hosts.</summary>
public sealed class CreateLaunchConfigTargetTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync()
    {
        app = await AppEnvironment.StartAsync(instances: 1);
        app.Config["password_names"] = "[demo_secret_key]";
        app.Config["provision_commands"] = "['mkdir -p ~/www && cp -R {{code_root}}/www/. ~/www/', 'test -s ~/secrets/demo_secret_key', 'cat {{code_root}}/REVISION > ~/www/revision.txt']";
        await app.WriteConfigAsync();
        var secrets = Path.Combine(app.Repository, "fabsecrets_local.yml");
        await File.WriteAllTextAsync(secrets, "demo_secret_key: s3cr3t-for-the-image\n");
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private IReadOnlyList<string> Builders() => app.Inspect(s => s.Instances.Values.Where(i => i.Tags.GetValueOrDefault("role") == "web-builder").Select(i => i.State).ToList());

    [Fact]
    public async Task Should_Bake_The_Verified_Commit_Into_An_Image_Whose_Instances_Serve_It_And_Print_The_Version()
    {
        // Given
        var commit = await app.HeadAsync();
        var githubOutput = Path.Combine(app.Root, "github-output");

        // When
        var (exitCode, log) = await app.CakeAsync("CreateLaunchConfig", new Dictionary<string, string?> { ["GITHUB_OUTPUT"] = githubOutput });
        output.WriteLine(log);

        // Then: the new version, not the default, with only the image changed; the group pinned to what it ran
        Assert.True(exitCode == 0, log);
        Assert.Contains($"Launch config: {AppEnvironment.Template}:2 ", log);
        var (versions, defaultVersion, groupVersion) = app.Inspect(s =>
        {
            var template = s.LaunchTemplates.Values.Single(t => t.Name == AppEnvironment.Template);
            return (template.Versions.ToList(), template.DefaultVersion, s.Groups[AppEnvironment.Group].LaunchTemplate!.Version);
        });
        Assert.Equal(2, versions.Count);
        Assert.Equal((1L, "1"), (defaultVersion, groupVersion));
        Assert.Equivalent(versions[0].Data with { ImageId = versions[1].Data.ImageId }, versions[1].Data, strict: true);
        Assert.NotEqual(versions[0].Data.ImageId, versions[1].Data.ImageId);
        Assert.Contains($"commit {commit}", versions[1].Description);
        var image = app.Inspect(s => s.Images[versions[1].Data.ImageId!]);
        Assert.Matches($"^demo_local_web_\\d{{4}}\\.\\d\\d\\.\\d\\d-\\d\\d\\.\\d\\d\\.\\d\\d_{commit}$", image.Name);
        Assert.Equal(("demo", "local", "main", commit), (image.Tags["deployment"], image.Tags["environment"], image.Tags["branch"], image.Tags["commit"]));
        Assert.All(Builders(), state => Assert.Contains(state, new[] { "shutting-down", "terminated" }));
        Assert.Single(Builders());
        Assert.Equal($"{AppEnvironment.Template}:2\n", await File.ReadAllTextAsync(Path.Combine(app.Repository, "artifacts", "launch-config.txt")));
        Assert.Equal($"launch_config={AppEnvironment.Template}:2\n", await File.ReadAllTextAsync(githubOutput));
        Assert.DoesNotContain("s3cr3t-for-the-image", log);

        // And: an instance of the new version serves the commit's files and holds the baked secret
        var launched = await app.Api.CallAsync("ec2", "RunInstances", ("MinCount", "1"), ("MaxCount", "1"), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "2"));
        var instance = launched.One("instanceId");
        await app.Aws.WaitUntilAsync(s => s.Instances[instance].State == "running", TimeSpan.FromSeconds(30), "the instance of version 2 runs");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("<h1>demo v2</h1>", await http.GetStringAsync(new Uri(app.Aws.InstanceUri(instance), "/")));
        Assert.Equal(commit, (await http.GetStringAsync(new Uri(app.Aws.InstanceUri(instance), "/revision.txt"))).Trim());
        var home = app.Inspect(s => s.Instances[instance].HomeDirectory!);
        Assert.Equal("s3cr3t-for-the-image", await File.ReadAllTextAsync(Path.Combine(home, "secrets", "demo_secret_key")));
    }

    [Fact]
    public async Task Should_Fail_Naming_The_Command_And_The_Log_And_Leave_Nothing_Behind()
    {
        // Given
        app.Config["provision_commands"] = "['mkdir -p ~/www', 'echo the database is not reachable >&2; exit 3', 'touch ~/never']";
        await app.WriteConfigAsync();
        var images = app.Inspect(s => s.Images.Count);

        // When
        var (exitCode, log) = await app.CakeAsync("CreateLaunchConfig");

        // Then
        Assert.NotEqual(0, exitCode);
        Assert.Contains("CreateLaunchConfig failed at 'Provision': provision_commands[1] `echo the database is not reachable >&2; exit 3` exited with code 3", log);
        Assert.Contains("the database is not reachable", log);
        Assert.Matches(@"The builder's log: \S+/fabulaws-logs/local/i-\w+\.log", log);
        Assert.Matches(@"builder i-\w+ terminated", log);
        Assert.All(Builders(), state => Assert.Contains(state, new[] { "shutting-down", "terminated" }));
        Assert.Equal(images, app.Inspect(s => s.Images.Count));
        Assert.Equal(1, app.Inspect(s => s.LaunchTemplates.Values.Single(t => t.Name == AppEnvironment.Template).Versions.Count));
        Assert.False(File.Exists(Path.Combine(app.Repository, "artifacts", "launch-config.txt")));
    }
}
