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
        static IEnumerable<string> Copied(global::LocalAws.Model.LaunchData data) =>
            data.Fields.Where(f => f.Key != "ImageId").Select(f => $"{f.Key}={f.Value}").Order(StringComparer.Ordinal);
        Assert.Equal(Copied(versions[0].Data), Copied(versions[1].Data));
        Assert.Equal(3, Copied(versions[1].Data).Count());
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
    public async Task Should_Clone_The_Origin_On_The_Builder_When_Asked_To()
    {
        // Given: the builder can reach the origin (on this machine, a path its user may read: the base image says so)
        var baseImage = Directory.CreateDirectory(Path.Combine(app.Root, "base-with-git")).FullName;
        await File.WriteAllTextAsync(Path.Combine(baseImage, ".gitconfig"), "[safe]\n\tdirectory = *\n");
        var ami = app.Aws.CreateImageFromDirectory("base-with-git", baseImage);
        await app.Aws.WaitUntilAsync(s => s.Images[ami].State == "available", TimeSpan.FromSeconds(20), "the base image available");
        app.Config["instance_settings"] = $"{{ami: {ami}}}";
        app.Config["code_source"] = "clone";
        app.Config["bake_secrets"] = "false";
        app.Config["provision_commands"] = "['test -d {{code_root}}/.git', 'git -C {{code_root}} rev-parse HEAD > ~/cloned.txt']";
        var commit = await app.CommitAsync("fabulaws-config.yml", string.Join('\n', app.Config.Select(c => $"{c.Key}: {c.Value}")) + "\n");

        // When
        var (exitCode, log) = await app.CakeAsync("CreateLaunchConfig");

        // Then
        Assert.True(exitCode == 0, log);
        var image = app.Inspect(s => s.Images.Values.Single(i => i.Name.StartsWith("demo_local_web_", StringComparison.Ordinal)));
        Assert.Equal(commit, (await File.ReadAllTextAsync(Path.Combine(image.Directory, "cloned.txt"))).Trim());
        Assert.Contains("bake_secrets: false: the image gets no secrets", log);
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

/// <summary>CreateLaunchConfig's cleanup of older releases, through the pipeline against LocalAws.</summary>
public sealed class CreateLaunchConfigCleanupTests : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync() => app = await AppEnvironment.StartAsync(instances: 1);

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Keep_Exactly_Keep_Releases_And_Never_What_Is_In_Use()
    {
        // Given: three earlier releases (versions 2, 3, 4 with their images); the group runs version 2
        app.Config["keep_releases"] = "2";
        await app.WriteConfigAsync();
        var images = new List<string>();
        for (var i = 2; i <= 4; i++)
        {
            var commit = $"{i}{i}{i}{i}{i}{i}{i}a";
            var image = app.Aws.CreateImageFromDirectory($"demo_local_web_2026.01.0{i}-10.00.00_{commit}", Path.Combine(app.Root, "image-v1"));
            await app.Api.CallAsync("ec2", "CreateTags", ("ResourceId.1", image), ("Tag.1.Key", "deployment"), ("Tag.1.Value", "demo"), ("Tag.2.Key", "environment"), ("Tag.2.Value", "local"), ("Tag.3.Key", "commit"), ("Tag.3.Value", commit));
            await app.Aws.WaitUntilAsync(s => s.Images[image].State == "available", TimeSpan.FromSeconds(20), "release image available");
            await app.Api.CallAsync("ec2", "CreateLaunchTemplateVersion", ("LaunchTemplateName", AppEnvironment.Template), ("SourceVersion", "1"), ("LaunchTemplateData.ImageId", image), ("VersionDescription", $"fabulaws demo/local commit {commit} image x"));
            images.Add(image);
        }

        await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "2"));
        var snapshotOf3 = app.Inspect(s => s.Images[images[1]].BlockDeviceMappings.Single().SnapshotId);

        // When
        var (exitCode, log) = await app.CakeAsync("CreateLaunchConfig");

        // Then: the new version 5 and version 4 are the two newest; 2 is in use, 1 the default; 3 and its image go
        Assert.True(exitCode == 0, log);
        var versions = app.Inspect(s => s.LaunchTemplates.Values.Single(t => t.Name == AppEnvironment.Template).Versions.Select(v => v.Number).ToList());
        Assert.Equal([1L, 2L, 4L, 5L], versions);
        var registered = app.Inspect(s => s.Images.Values.Where(i => i.State != "deregistered").Select(i => i.Id).ToHashSet());
        Assert.Contains(images[0], registered);
        Assert.DoesNotContain(images[1], registered);
        Assert.Contains(images[2], registered);
        Assert.False(app.Inspect(s => s.Snapshots.ContainsKey(snapshotOf3)));
        Assert.Contains($"removed version 3 of {AppEnvironment.Template}; image {images[1]}", log);
    }
}

/// <summary>CreateLaunchConfig in legacy launch configuration mode, through the pipeline against LocalAws.</summary>
public sealed class CreateLaunchConfigLegacyTests : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync() => app = await AppEnvironment.StartAsync(instances: 1, legacy: true);

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Carry_Over_Every_Field_Of_The_Old_Launch_Configuration_But_The_Image()
    {
        // Given
        var commit = await app.HeadAsync();

        // When
        var (exitCode, log) = await app.CakeAsync("CreateLaunchConfig");

        // Then
        Assert.True(exitCode == 0, log);
        var (old, made) = app.Inspect(s => (
            s.LaunchConfigurations[AppEnvironment.LaunchConfiguration],
            s.LaunchConfigurations.Values.Single(c => c.Name.StartsWith("demo_local_lc_2", StringComparison.Ordinal))));
        Assert.Matches($"^demo_local_lc_\\d{{4}}\\.\\d\\d\\.\\d\\d-\\d\\d\\.\\d\\d\\.\\d\\d_{commit}$", made.Name);
        Assert.Contains($"Launch config: {made.Name} ", log);
        Assert.NotEqual(old.Data.ImageId, made.Data.ImageId);
        static IEnumerable<string> Copied(global::LocalAws.Model.LaunchConfiguration c) =>
            c.Data.Fields.Where(f => f.Key is not ("ImageId" or "LaunchConfigurationName")).Select(f => $"{f.Key}={f.Value}").Order(StringComparer.Ordinal);
        Assert.Equal(Copied(old), Copied(made));
        Assert.Equal(app.LegacyFields().Count() - 2, Copied(old).Count());
        Assert.Equal(AppEnvironment.LaunchConfiguration, app.Inspect(s => s.Groups[AppEnvironment.Group].LaunchConfigurationName));
    }
}
