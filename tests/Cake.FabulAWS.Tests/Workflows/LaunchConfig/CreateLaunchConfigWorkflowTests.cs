using Cake.Core;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Tests.Configuration;
using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Tests.Support;
using Cake.FabulAWS.Workflows.CheckBranch;
using Cake.FabulAWS.Workflows.LaunchConfig;
using Cake.FabulAWS.Workflows.Waiting;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Cake.FabulAWS.Tests.Workflows.LaunchConfig;

public sealed class CreateLaunchConfigWorkflowTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly CheckedBranch Verified = new("main", Commit);
    private static readonly Ec2Instance Builder = new("i-0builder", "running", "10.0.0.9", null, null, null, "ami-0base", null, new Dictionary<string, string>());

    private readonly AwsServices aws = TestServices.Aws();
    private readonly FakeRemote remote = new();
    private readonly CapturingLog log = new();
    private readonly SteppingTime time = new();

    private EnvironmentServices Services(string yaml = "")
    {
        var target = ConfigText.Parse(ConfigText.With(yaml + "ec2_attr_for_ssh: private_ip_address\n")).Resolve("staging");
        return TestServices.For(target, new EnvironmentOptions(), remote, log, aws, new FakeFiles(), time);
    }

    private void GroupOn(LaunchSource source, long version = 4)
    {
        aws.AutoScalingGroups.FindGroupAsync("app-staging-ag", Arg.Any<CancellationToken>())
            .Returns(new AutoScalingGroup("app-staging-ag", 2, 4, 2, source, [], [], [], [], [], new Dictionary<string, string>(), "ELB", 60, []));
        aws.LaunchTemplates.FindVersionAsync("web", Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(new LaunchTemplateVersion("lt-1", "web", version, true, "ami-0old", "t3.small", null));
        aws.Instances.LaunchAsync(Arg.Any<InstanceLaunch>(), Arg.Any<CancellationToken>()).Returns(Builder with { State = "pending" });
        aws.Instances.DescribeAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>()).Returns([Builder]);
        aws.Images.CreateAsync("i-0builder", Arg.Any<string>(), Arg.Any<string>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>()).Returns("ami-0new");
        aws.Images.FindAsync("ami-0new", Arg.Any<CancellationToken>()).Returns(new MachineImage("ami-0new", "x", "available", null, new Dictionary<string, string>()) { SnapshotIds = ["snap-1"] });
        aws.LaunchTemplates.CreateVersionAsync("web", "4", Arg.Any<LaunchTemplateChange>(), Arg.Any<CancellationToken>())
            .Returns(new LaunchTemplateVersion("lt-1", "web", 5, false, "ami-0new", "t3.small", null));
    }

    [Fact]
    public async Task Should_Pin_A_Group_That_Follows_Latest_Before_The_New_Version_Exists()
    {
        // Given
        GroupOn(LaunchSource.Template("web", "$Latest"));
        using var services = Services();

        // When
        var result = await new CreateLaunchConfigWorkflow(services).RunAsync(Verified, CancellationToken.None);

        // Then
        Assert.Equal("web:5", result.Name);
        await aws.AutoScalingGroups.Received(1).UpdateGroupAsync(new GroupUpdate("app-staging-ag") { LaunchSource = LaunchSource.Template("web", "4") }, Arg.Any<CancellationToken>());
        Received.InOrder(() =>
        {
            aws.AutoScalingGroups.UpdateGroupAsync(Arg.Any<GroupUpdate>(), Arg.Any<CancellationToken>());
            aws.LaunchTemplates.CreateVersionAsync("web", "4", Arg.Any<LaunchTemplateChange>(), Arg.Any<CancellationToken>());
        });
        await aws.LaunchTemplates.DidNotReceiveWithAnyArgs().SetDefaultVersionAsync(default!, default, default);
        Assert.Contains(log.Lines, l => l.Contains("is now pinned to version 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Leave_A_Group_On_A_Numbered_Version_Alone()
    {
        // Given
        GroupOn(LaunchSource.Template("web", "4"));
        using var services = Services();

        // When
        await new CreateLaunchConfigWorkflow(services).RunAsync(Verified, CancellationToken.None);

        // Then
        await aws.AutoScalingGroups.DidNotReceiveWithAnyArgs().UpdateGroupAsync(default!, default);
    }

    [Fact]
    public async Task Should_Refuse_A_Template_Other_Than_The_Group_Uses_Before_Launching_Anything()
    {
        // Given
        GroupOn(LaunchSource.Template("web", "4"));
        using var services = Services("launch_templates: {app: {staging: other}}\n");

        // When
        var error = await Record.ExceptionAsync(() => new CreateLaunchConfigWorkflow(services).RunAsync(Verified, CancellationToken.None));

        // Then
        Assert.IsType<CakeException>(error);
        Assert.Equal("launch_templates names 'other' for app/staging, but group app-staging-ag launches from template 'web'. Make them the same. Nothing was changed.", error.Message);
        await aws.Instances.DidNotReceiveWithAnyArgs().LaunchAsync(default!, default);
    }

    [Fact]
    public async Task Should_Stop_At_The_Ssh_Deadline_Saying_Why_And_Terminate_The_Builder()
    {
        // Given
        GroupOn(LaunchSource.Template("web", "4"));
        remote.Probe = _ => "No SSH answer from fabdeploy@10.0.0.9:22 within 30 s.";
        using var services = Services("timeouts: {ssh_ready: 120}\n");

        // When
        var error = await Record.ExceptionAsync(() => new CreateLaunchConfigWorkflow(services).RunAsync(Verified, CancellationToken.None));

        // Then
        Assert.IsType<CakeException>(error);
        Assert.StartsWith("CreateLaunchConfig failed at 'Launch the builder': Timed out after 120 s waiting for SSH on builder 10.0.0.9 (i-0builder) (timeouts.ssh_ready in fabulaws-config.yml). Last seen: No SSH answer from fabdeploy@10.0.0.9:22 within 30 s..", error.Message);
        Assert.Contains("Cleaned up: builder i-0builder terminated.", error.Message);
        await aws.Instances.Received(1).TerminateAsync(Arg.Is<IEnumerable<string>>(ids => ids.Single() == "i-0builder"), Arg.Any<CancellationToken>());
        await aws.Images.DidNotReceiveWithAnyArgs().CreateAsync(default!, default!, default!, default!, default);
    }

    [Fact]
    public async Task Should_Remove_The_Image_With_Its_Snapshots_When_The_Launch_Source_Cannot_Be_Made()
    {
        // Given
        GroupOn(LaunchSource.Template("web", "4"));
        aws.LaunchTemplates.CreateVersionAsync("web", "4", Arg.Any<LaunchTemplateChange>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AwsOperationException("CreateLaunchTemplateVersion failed (VersionLimitExceeded)", "CreateLaunchTemplateVersion", "web", "VersionLimitExceeded", null));
        using var services = Services();

        // When
        var error = await Record.ExceptionAsync(() => new CreateLaunchConfigWorkflow(services).RunAsync(Verified, CancellationToken.None));

        // Then
        Assert.StartsWith("CreateLaunchConfig failed at 'Make the launch source': CreateLaunchTemplateVersion failed (VersionLimitExceeded)", error?.Message);
        Assert.Contains("builder i-0builder terminated; image ami-0new removed.", error?.Message);
        await aws.Images.Received(1).DeregisterAsync("ami-0new", Arg.Any<CancellationToken>());
        await aws.Images.Received(1).DeleteSnapshotsAsync(Arg.Is<IEnumerable<string>>(s => s.Single() == "snap-1"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Should_Clean_Up_And_Give_Way_When_Cancelled_While_The_Image_Is_Made()
    {
        // Given
        GroupOn(LaunchSource.Template("web", "4"));
        using var cancel = new CancellationTokenSource();
        aws.Images.FindAsync("ami-0new", Arg.Any<CancellationToken>()).Returns(_ =>
        {
            cancel.Cancel();
            return new MachineImage("ami-0new", "x", "pending", null, new Dictionary<string, string>());
        });
        using var services = Services();

        // When
        var error = await Record.ExceptionAsync(() => new CreateLaunchConfigWorkflow(services).RunAsync(Verified, cancel.Token));

        // Then
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        await aws.Instances.Received(1).TerminateAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>());
        await aws.Images.Received(1).DeregisterAsync("ami-0new", Arg.Any<CancellationToken>());
        Assert.Contains(log.Lines, l => l.StartsWith("CreateLaunchConfig stopped while it was at 'Bake the image'.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Copy_Every_Field_Of_The_Launch_Configuration_But_Name_And_Image()
    {
        // Given
        var old = Cake.FabulAWS.Tests.Aws.AutoScaling.LaunchConfigurationsAdapterTests.Full with { Name = "app_staging_lc_old" };
        GroupOn(LaunchSource.Configuration(old.Name));
        aws.LaunchConfigurations.FindAsync(old.Name, Arg.Any<CancellationToken>()).Returns(old);
        aws.LaunchConfigurations.ListAsync(Arg.Any<CancellationToken>()).Returns([old]);
        LaunchConfiguration? made = null;
        await aws.LaunchConfigurations.CreateAsync(Arg.Do<LaunchConfiguration>(c => made = c), Arg.Any<CancellationToken>());
        using var services = Services("launch_type: launch_configuration\n");

        // When
        var result = await new CreateLaunchConfigWorkflow(services).RunAsync(Verified, CancellationToken.None);

        // Then
        Assert.Matches($"^app_staging_lc_\\d{{4}}\\.\\d\\d\\.\\d\\d-\\d\\d\\.\\d\\d\\.\\d\\d_{Commit}$", result.Name);
        Assert.Equivalent(old with { Name = result.Name, ImageId = "ami-0new", CreatedTime = null }, made, strict: true);
    }
}
