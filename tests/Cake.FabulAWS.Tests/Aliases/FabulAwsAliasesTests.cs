using Cake.Core;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Tests.Configuration;
using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Tests.Support;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Aliases;

public sealed class FabulAwsAliasesTests
{
    private static readonly DeploymentTarget Staging = ConfigText.Parse(ConfigText.With("ec2_attr_for_ssh: private_ip_address\npassword_names: [api_key]\n")).Resolve("staging");

    private readonly FakeRemote remote = new();
    private readonly CapturingLog log = new();
    private readonly FakeFiles files = new();
    private readonly Cake.FabulAWS.Aws.AwsServices aws = TestServices.Aws();

    private FabulAwsTestContext Context() => new(log, (target, options) => TestServices.For(target, options, remote, log, aws, files));

    private void GroupWith(params (string Id, string Lifecycle, string Address)[] members)
    {
        var instances = members.Select(m => new GroupInstance(m.Id, m.Lifecycle, "Healthy", "us-east-1a", null, "t3.small")).ToList();
        aws.AutoScalingGroups.FindGroupAsync(Staging.AutoScalingGroupName, Arg.Any<CancellationToken>())
            .Returns(new AutoScalingGroup(Staging.AutoScalingGroupName, 1, 4, 2, null, instances, [], [], [], [], new Dictionary<string, string>(), "ELB", 60, ["us-east-1a"]));
        aws.Instances.DescribeAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>()).Returns(call =>
            members.Where(m => call.Arg<IEnumerable<string>>().Contains(m.Id))
                .Select(m => new Ec2Instance(m.Id, "running", m.Address, null, null, null, "ami-1", null, new Dictionary<string, string>())).ToList());
    }

    public sealed class TheFabulAwsBeginUpgradeAsyncMethod
    {
        private readonly FabulAwsAliasesTests fixture = new();

        [Fact]
        public async Task Should_Show_The_Page_On_The_In_Service_Instances_Of_The_Group()
        {
            // Given
            fixture.GroupWith(("i-1", "InService", "10.0.0.1"), ("i-2", "Pending", "10.0.0.2"), ("i-3", "InService", "10.0.0.3"));
            fixture.files.Add(Staging.StaticHtml.UpgradeMessage, "<h1>upgrading</h1>", "644");
            fixture.files.Add(Staging.StaticHtml.HealthcheckOverride, "OK", "644");
            var context = fixture.Context();

            // When
            await context.FabulAwsBeginUpgradeAsync(Staging, new EnvironmentOptions { RemoteUser = "ubuntu" });

            // Then
            Assert.Equal("open 10.0.0.1,10.0.0.3", fixture.remote.Operations[0]);
            Assert.Contains("upload ~/services/nginx/html/upgrade_message.html,~/services/nginx/html/healthcheck.html", fixture.remote.Operations);
            Assert.Equal("ubuntu", Assert.Single(context.OptionsSeen).RemoteUser);
        }

        [Fact]
        public async Task Should_Throw_If_The_Target_Is_Null()
        {
            // When
            var error = await Record.ExceptionAsync(() => fixture.Context().FabulAwsBeginUpgradeAsync(null!));

            // Then
            Assert.Equal("target", Assert.IsType<ArgumentNullException>(error).ParamName);
        }
    }

    public sealed class TheFabulAwsDeployWorkerAsyncMethod
    {
        private readonly FabulAwsAliasesTests fixture = new();

        [Fact]
        public async Task Should_Refuse_A_Commit_That_Is_Not_A_Commit_Id_Before_Any_Call()
        {
            // When
            var error = await Record.ExceptionAsync(() => fixture.Context().FabulAwsDeployWorkerAsync(Staging, "main; rm -rf ~"));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.StartsWith("The commit to deploy: 'main; rm -rf ~' is not a git commit id", error.Message);
            Assert.Empty(fixture.remote.Operations);
            await fixture.aws.Instances.DidNotReceiveWithAnyArgs().FindByTagsAsync(default!, default!, default);
        }
    }

    public sealed class TheFabulAwsCreateEnvironmentAsyncMethod
    {
        private static readonly Cake.FabulAWS.Workflows.CheckBranch.CheckedBranch Verified = new("main", "0123abcd");
        private readonly FabulAwsAliasesTests fixture = new();

        [Fact]
        public async Task Should_Refuse_While_A_Server_Of_The_Environment_Runs()
        {
            // Given
            fixture.aws.Instances.FindByTagsAsync(Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>())
                .Returns([new Ec2Instance("i-0old", "running", "10.0.0.9", null, null, null, "ami-1", null, new Dictionary<string, string> { ["role"] = "worker" })]);

            // When
            var error = await Record.ExceptionAsync(() => fixture.Context().FabulAwsCreateEnvironmentAsync(Staging, Verified));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.StartsWith("CreateEnvironment builds app/staging from nothing, but 1 of its server(s) still run:", error.Message);
            Assert.Contains("ec2 terminate-instances --instance-ids i-0old", error.Message);
            await fixture.aws.Provisioning.DidNotReceiveWithAnyArgs().CreateGroupAsync(default!, default);
        }

        [Fact]
        public async Task Should_Need_The_Confirmation_Of_A_Production_Environment_Before_Any_Call()
        {
            // Given
            var production = ConfigText.Parse(ConfigText.Minimal).Resolve("production");

            // When
            var error = await Record.ExceptionAsync(() => fixture.Context().FabulAwsCreateEnvironmentAsync(production, Verified));

            // Then
            Assert.Equal("production is a production environment and there is no terminal to confirm CreateEnvironment at: run again with --confirm=production. Nothing was changed.", error?.Message);
            await fixture.aws.Instances.DidNotReceiveWithAnyArgs().FindByTagsAsync(default!, default!, default);
        }

        [Fact]
        public async Task Should_Throw_If_The_Verified_Branch_Is_Null()
        {
            // When
            var error = await Record.ExceptionAsync(() => fixture.Context().FabulAwsCreateEnvironmentAsync(Staging, null!));

            // Then
            Assert.Equal("verified", Assert.IsType<ArgumentNullException>(error).ParamName);
        }
    }

    public sealed class TheFabulAwsUpdateServerPasswordsAsyncMethod
    {
        private readonly FabulAwsAliasesTests fixture = new();

        [Fact]
        public async Task Should_Push_The_Secrets_File_Beside_The_Config_To_Web_And_Worker_Servers()
        {
            // Given
            fixture.files.Add(Path.Combine(Staging.ConfigDirectory, "fabsecrets_staging.yml"), "api_key: s3cr3t\n");
            fixture.aws.Instances.FindByTagsAsync(Arg.Is<IReadOnlyDictionary<string, string>>(t => t["role"] == "web"), Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>())
                .Returns([new Ec2Instance("i-1", "running", "10.0.0.1", null, null, null, "ami-1", null, new Dictionary<string, string>())]);
            fixture.aws.Instances.FindByTagsAsync(Arg.Is<IReadOnlyDictionary<string, string>>(t => t["role"] == "worker"), Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>())
                .Returns([new Ec2Instance("i-9", "running", "10.0.0.9", null, null, null, "ami-1", null, new Dictionary<string, string>())]);

            // When
            await fixture.Context().FabulAwsUpdateServerPasswordsAsync(Staging);

            // Then
            Assert.Equal(["open 10.0.0.1,10.0.0.9", "secrets ~/secrets/ api_key", "close"], fixture.remote.Operations);
            Assert.Equal("s3cr3t", fixture.remote.SecretWrites[0].Secrets[0].Value.Reveal());
        }
    }
}
