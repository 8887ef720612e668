using Cake.Core;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Tests.Configuration;
using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Tests.Support;
using Cake.FabulAWS.Workflows.CheckBranch;
using Cake.FabulAWS.Workflows.CreateEnvironment;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.LaunchConfig;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Cake.FabulAWS.Tests.Workflows.CreateEnvironment;

public abstract class CreateEnvironmentWorkflowTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private const string Config = """
        avail_zones: [a, b]
        ec2_attr_for_ssh: private_ip_address
        instance_types: {web: t3.small, worker: t3.small, db-primary: m6i.large, cache: t3.micro}
        security_groups: {web: [sg-0web], worker: [sg-0worker]}
        servers: SERVERS
        role_provision_commands:
          db-primary: ['install postgres', 'createdb {{environment}}']
          cache: ['install redis']
          worker: ['echo {{commit}} > ~/REVISION']

        """;

    private static readonly CheckedBranch Verified = new("main", Commit);
    private static readonly LaunchConfigResult Release = new("app-staging-lt:2", Commit, "ami-0new", "app_staging_web_x", LaunchSource.Template("app-staging-lt", "2"));

    private readonly AwsServices aws = TestServices.Aws();
    private readonly FakeRemote remote = new();
    private readonly CapturingLog log = new();
    private readonly SteppingTime time = new();
    private readonly FakeFiles files = new();
    private readonly List<string> webTier = [];
    private readonly Dictionary<string, Ec2Instance> launched = [];
    private AutoScalingGroup? group;

    protected CreateEnvironmentWorkflowTests()
    {
        aws.Instances.FindByTagsAsync(Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>()).Returns([]);
        aws.Instances.LaunchAsync(Arg.Any<InstanceLaunch>(), Arg.Any<CancellationToken>()).Returns(call => Launch(call.Arg<InstanceLaunch>()));
        aws.Instances.DescribeAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            lock (launched)
            {
                return (IReadOnlyList<Ec2Instance>)[.. call.Arg<IEnumerable<string>>().Select(id => launched[id] with { State = "running" })];
            }
        });
        aws.AutoScalingGroups.FindGroupAsync("app-staging-ag", Arg.Any<CancellationToken>()).Returns(_ => group);
        aws.LaunchTemplates.CreateTemplateAsync("app-staging-lt", Arg.Any<LaunchTemplateChange>(), Arg.Any<CancellationToken>()).Returns(new LaunchTemplateVersion("lt-1", "app-staging-lt", 1, true, "ami-0123456789abcdef0", "t3.small", null));
        aws.LaunchTemplates.FindVersionAsync("app-staging-lt", Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new LaunchTemplateVersion("lt-1", "app-staging-lt", 1, true, "ami-0123456789abcdef0", "t3.small", null));
        aws.Provisioning.CreateGroupAsync(Arg.Any<GroupCreation>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var creation = call.Arg<GroupCreation>();
            group = new AutoScalingGroup(creation.GroupName, 0, creation.MaxSize, 0, creation.LaunchSource, [], creation.LoadBalancerNames, [], [], [], creation.Tags, "ELB", 120, creation.AvailabilityZones);
            return Task.CompletedTask;
        });
    }

    private EnvironmentServices Services(string yaml = "", string servers = "{db-primary: 1, cache: 1, worker: 1}") =>
        TestServices.For(ConfigText.Parse(ConfigText.With(yaml + Config.Replace("SERVERS", servers, StringComparison.Ordinal))).Resolve("staging"), new EnvironmentOptions(), remote, log, aws, files, time);

    private CreateEnvironmentWorkflow Workflow(EnvironmentServices services) => new(
        services,
        (_, _) =>
        {
            lock (webTier)
            {
                webTier.Add("bake");
            }

            return Task.FromResult(Release);
        },
        (settings, _) =>
        {
            webTier.Add($"deploy {settings.Release!.Name}");
            return Task.FromResult(new DeployResult("DeployFull", Commit, Release.LaunchSource, [], [], [], TimeSpan.Zero));
        });

    private Ec2Instance Launch(InstanceLaunch launch)
    {
        lock (launched)
        {
            var id = $"i-0{launch.Tags["role"]}";
            var instance = new Ec2Instance(id, "pending", $"10.0.0.{launched.Count + 2}", null, null, null, launch.ImageId, time.GetUtcNow(), launch.Tags) { AvailabilityZone = launch.AvailabilityZone };
            launched[id] = instance;
            return instance;
        }
    }

    private static Ec2Instance Running(string id, string role, string address, IReadOnlyDictionary<string, string>? extra = null) => new(
        id, "running", address, null, null, null, "ami-1", new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero),
        new Dictionary<string, string>(extra ?? new Dictionary<string, string>()) { ["role"] = role, ["deployment"] = "app", ["environment"] = "staging" });

    public sealed class TheRefusal : CreateEnvironmentWorkflowTests
    {
        [Fact]
        public async Task Should_List_The_Servers_That_Still_Run_And_How_To_Terminate_Them_Before_Making_Anything()
        {
            // Given
            aws.Instances.FindByTagsAsync(
                    Arg.Is<IReadOnlyDictionary<string, string>>(t => t.Count == 2 && t["deployment"] == "app" && t["environment"] == "staging"),
                    Arg.Is<IEnumerable<string>>(s => s.SequenceEqual(new[] { "pending", "running", "stopping", "stopped" })),
                    Arg.Any<CancellationToken>())
                .Returns([
                    Running("i-0web1", "web", "10.0.0.7", new Dictionary<string, string> { ["aws:autoscaling:groupName"] = "app-staging-ag" }),
                    Running("i-0worker", "worker", "10.0.0.5"),
                ]);
            using var services = Services();

            // When
            var error = await Record.ExceptionAsync(() => Workflow(services).RunAsync(Verified, new CreateEnvironmentSettings(), CancellationToken.None));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.Equal(
                """
                CreateEnvironment builds app/staging from nothing, but 2 of its server(s) still run:
                  instance   role    address   state    launch time
                  i-0web1    web     10.0.0.7  running  launched 2026-11-30 08:15:00Z
                  i-0worker  worker  10.0.0.5  running  launched 2026-11-30 08:15:00Z
                Terminate them first (this is the check FabulAWS asked you to make in the console):
                  aws --region us-east-1 autoscaling update-auto-scaling-group --auto-scaling-group-name app-staging-ag --min-size 0 --desired-capacity 0
                  aws --region us-east-1 ec2 terminate-instances --instance-ids i-0worker
                then run CreateEnvironment again. Nothing was changed.
                """.ReplaceLineEndings("\n"),
                error.Message);
            await aws.Instances.DidNotReceiveWithAnyArgs().LaunchAsync(default!, default);
            await aws.Provisioning.DidNotReceiveWithAnyArgs().CreateGroupAsync(default!, default);
            await aws.LaunchTemplates.DidNotReceiveWithAnyArgs().CreateTemplateAsync(default!, default!, default);
            Assert.Empty(webTier);
        }
    }

    public sealed class TheServers : CreateEnvironmentWorkflowTests
    {
        [Fact]
        public async Task Should_Create_Every_Server_At_Once_Tagged_In_The_Zones_In_Turn()
        {
            // Given: a launch answers only once all three were asked for, which only happens when they run at once
            var asked = 0;
            var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            aws.Instances.LaunchAsync(Arg.Any<InstanceLaunch>(), Arg.Any<CancellationToken>()).Returns(async call =>
            {
                if (Interlocked.Increment(ref asked) == 3)
                {
                    all.SetResult();
                }

                await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
                return Launch(call.Arg<InstanceLaunch>());
            });
            var launches = new List<InstanceLaunch>();
            await aws.Instances.LaunchAsync(Arg.Do<InstanceLaunch>(l =>
            {
                lock (launches)
                {
                    launches.Add(l);
                }
            }), Arg.Any<CancellationToken>());
            using var services = Services();

            // When
            var result = await Workflow(services).RunAsync(Verified, new CreateEnvironmentSettings(), CancellationToken.None);

            // Then
            Assert.Equal(3, asked);
            Assert.Equal(
                ["cache us-east-1b t3.micro  app_staging_cache", "db-primary us-east-1a m6i.large  app_staging_db-primary", "worker us-east-1a t3.small sg-0worker app_staging_worker"],
                launches.Select(l => $"{l.Tags["role"]} {l.AvailabilityZone} {l.InstanceType} {string.Join(',', l.SecurityGroupIds)} {l.Tags["Name"]}").Order(StringComparer.Ordinal));
            Assert.All(launches, l => Assert.Equal(("ami-0123456789abcdef0", "app", "staging"), (l.ImageId, l.Tags["deployment"], l.Tags["environment"])));
            Assert.Equal(["db-primary", "cache", "worker"], result.Servers.Select(s => s.Role));
            Assert.All(result.Servers, s => Assert.Equal(ServerState.Ready, s.State));
            Assert.Equal(["bake", "deploy app-staging-lt:2"], webTier);
            Assert.Contains("run cd ~ && export FABULAWS_ROLE=db-primary FABULAWS_COMMIT=" + Commit + " && { createdb staging; } </dev/null", remote.Operations);
            Assert.Contains("run cd ~ && export FABULAWS_ROLE=worker FABULAWS_COMMIT=" + Commit + " && { echo " + Commit + " > ~/REVISION; } </dev/null", remote.Operations);
        }

        [Fact]
        public async Task Should_Finish_The_Other_Servers_When_One_Fails_And_Fail_Listing_It_With_Its_Log()
        {
            // Given
            remote.ExitCode = (_, command) => command.RenderSafe().Contains("install redis", StringComparison.Ordinal) ? 3 : 0;
            using var services = Services();

            // When
            var error = await Record.ExceptionAsync(() => Workflow(services).RunAsync(Verified, new CreateEnvironmentSettings(), CancellationToken.None));

            // Then
            Assert.IsType<CakeException>(error);
            var cacheLog = "/logs/2026-12-02_09-00-00_staging_cache_us-east-1b.log";
            Assert.StartsWith(
                $"""
                CreateEnvironment of app/staging failed: 1 of 3 server(s) failed.
                  cache (i-0cache, us-east-1b) at role_provision_commands/cache[0] `install redis`: exited with code 3 (last output: last line)
                    log: {cacheLog}
                The web tier was not deployed (its release is ready: app-staging-lt:2, for DeployFull --launch-config=app-staging-lt:2). The servers are left running
                """.ReplaceLineEndings("\n"),
                error.Message);
            Assert.Contains("ec2 terminate-instances --instance-ids i-0db-primary i-0cache i-0worker", error.Message);
            Assert.Equal(["bake"], webTier);
            Assert.Contains("run cd ~ && export FABULAWS_ROLE=db-primary FABULAWS_COMMIT=" + Commit + " && { createdb staging; } </dev/null", remote.Operations);
            Assert.Contains(remote.Notes["/logs/2026-12-02_09-00-00_staging_db-primary_us-east-1a.log"], l => l.StartsWith("ready in", StringComparison.Ordinal));
            Assert.Contains(remote.Notes["/logs/2026-12-02_09-00-00_staging_worker_us-east-1a.log"], l => l.StartsWith("ready in", StringComparison.Ordinal));
            Assert.Contains(remote.Notes[cacheLog], l => l.StartsWith("FAILED at role_provision_commands/cache[0]", StringComparison.Ordinal));
            Assert.Contains(log.Lines, l => l.StartsWith("  i-0cache (10.0.0.", StringComparison.Ordinal) && l.Contains("cache       failed  " + cacheLog, StringComparison.Ordinal));
        }

        [Fact]
        public async Task Should_Note_A_Server_Whose_Launch_Failed_In_Its_Own_Log()
        {
            // Given
            aws.Instances.LaunchAsync(Arg.Is<InstanceLaunch>(l => l.Tags["role"] == "worker"), Arg.Any<CancellationToken>())
                .ThrowsAsync(new AwsOperationException("RunInstances failed for image 'ami-0123456789abcdef0' in us-east-1 (InsufficientInstanceCapacity): no t3.small left", "RunInstances", "image", "InsufficientInstanceCapacity", null));
            using var services = Services();

            // When
            var error = await Record.ExceptionAsync(() => Workflow(services).RunAsync(Verified, new CreateEnvironmentSettings(), CancellationToken.None));

            // Then
            Assert.Contains("  worker (not launched, us-east-1a) at launch: RunInstances failed for image 'ami-0123456789abcdef0' in us-east-1 (InsufficientInstanceCapacity): no t3.small left\n    log: /logs/2026-12-02_09-00-00_staging_worker_us-east-1a.log", error?.Message);
            Assert.Equal(["launching from ami-0123456789abcdef0 (t3.small) for app/staging", "FAILED at launch: RunInstances failed for image 'ami-0123456789abcdef0' in us-east-1 (InsufficientInstanceCapacity): no t3.small left (log: /logs/2026-12-02_09-00-00_staging_worker_us-east-1a.log)"], remote.Notes["/logs/2026-12-02_09-00-00_staging_worker_us-east-1a.log"]);
            Assert.Contains(log.Lines, l => l.StartsWith("  worker, not launched (us-east-1a)", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Should_Push_The_Secrets_Before_The_Role_Commands_And_To_Every_New_Server_At_The_End()
        {
            // Given
            using var services = Services("password_names: [database_password]\n", servers: "{worker: 1, db-primary: 0, cache: 0}");
            files.Add(Path.GetFullPath(Path.Combine(services.ConfigDirectory, "fabsecrets_staging.yml")), "database_password: hunter2\n");

            // When
            await Workflow(services).RunAsync(Verified, new CreateEnvironmentSettings(), CancellationToken.None);

            // Then
            Assert.Equal(
                [
                    "probe 10.0.0.2", "open 10.0.0.2", "secrets ~/secrets/ database_password", $"run cd ~ && export FABULAWS_ROLE=worker FABULAWS_COMMIT={Commit} && {{ echo {Commit} > ~/REVISION; }} </dev/null", "close",
                    "open 10.0.0.2", "secrets ~/secrets/ database_password", "close",
                ],
                remote.Operations);
            Assert.All(remote.SecretWrites, w => Assert.Equal(("~/secrets/", "hunter2"), (w.Directory, w.Secrets.Single().Value.Reveal())));
            Assert.DoesNotContain(log.Lines, l => l.Contains("hunter2", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Should_Refuse_A_Missing_Secret_Before_Making_Anything()
        {
            // Given
            using var services = Services("password_names: [database_password, api_key]\n");
            files.Add(Path.GetFullPath(Path.Combine(services.ConfigDirectory, "fabsecrets_staging.yml")), "database_password: hunter2\n");

            // When
            var error = await Record.ExceptionAsync(() => Workflow(services).RunAsync(Verified, new CreateEnvironmentSettings(), CancellationToken.None));

            // Then
            Assert.EndsWith("lacks 1 secret(s) named in password_names: api_key. Add them; no server was changed.", error?.Message);
            await aws.Instances.DidNotReceiveWithAnyArgs().LaunchAsync(default!, default);
            await aws.Provisioning.DidNotReceiveWithAnyArgs().CreateGroupAsync(default!, default);
        }
    }

    public sealed class TheGroup : CreateEnvironmentWorkflowTests
    {
        [Fact]
        public async Task Should_Make_The_Template_Of_The_Base_Image_And_An_Empty_Group_On_It_With_Tags_Propagated()
        {
            // Given
            LaunchTemplateChange? change = null;
            GroupCreation? creation = null;
            await aws.LaunchTemplates.CreateTemplateAsync("app-staging-lt", Arg.Do<LaunchTemplateChange>(c => change = c), Arg.Any<CancellationToken>());
            await aws.Provisioning.CreateGroupAsync(Arg.Do<GroupCreation>(c => creation = c), Arg.Any<CancellationToken>());
            using var services = Services("group_settings: {max_size: 6, health_check_grace_period: 90}\n");

            // When
            var result = await Workflow(services).RunAsync(Verified, new CreateEnvironmentSettings(), CancellationToken.None);

            // Then
            Assert.Equal(("ami-0123456789abcdef0", "t3.small"), (change!.ImageId, change.InstanceType));
            Assert.Equal(["sg-0web"], change.SecurityGroupIds);
            Assert.Equal((LaunchSource.Template("app-staging-lt", "1"), 0, 6, 0), (creation!.LaunchSource, creation.MinSize, creation.MaxSize, creation.DesiredCapacity));
            Assert.Equal(["us-east-1a", "us-east-1b"], creation.AvailabilityZones);
            Assert.Equal(["app-staging-lb"], creation.LoadBalancerNames);
            Assert.Equal(("ELB", 90), (creation.HealthCheckType, creation.HealthCheckGracePeriod));
            Assert.Equal(["Name=app_staging_web", "deployment=app", "environment=staging", "role=web"], creation.Tags.Select(t => $"{t.Key}={t.Value}").Order(StringComparer.Ordinal));
            Assert.Equal(["launch template app-staging-lt (version 1: ami-0123456789abcdef0, t3.small)", "group app-staging-ag (empty, max 6, behind load balancer 'app-staging-lb')"], result.Made);
        }

        [Fact]
        public async Task Should_Attach_The_Load_Balancers_An_Existing_Group_Lacks()
        {
            // Given
            group = new AutoScalingGroup("app-staging-ag", 0, 4, 0, LaunchSource.Template("app-staging-lt", "1"), [], [], [], [], [], new Dictionary<string, string>(), "ELB", 120, []);
            using var services = Services();

            // When
            var result = await Workflow(services).RunAsync(Verified, new CreateEnvironmentSettings(), CancellationToken.None);

            // Then
            await aws.Provisioning.Received(1).AttachLoadBalancersAsync("app-staging-ag", Arg.Is<IEnumerable<LoadBalancerRef>>(l => l.Single() == LoadBalancerRef.Classic("app-staging-lb")), Arg.Any<CancellationToken>());
            await aws.Provisioning.DidNotReceiveWithAnyArgs().CreateGroupAsync(default!, default);
            await aws.LaunchTemplates.DidNotReceiveWithAnyArgs().CreateTemplateAsync(default!, default!, default);
            Assert.Equal(["attached load balancer 'app-staging-lb' to group app-staging-ag"], result.Made);
        }
    }

    public sealed class TheServerPlan
    {
        [Fact]
        public void Should_Name_Each_Log_With_The_Date_Environment_Role_And_Zone_As_FabulAws_Did()
        {
            // Given
            var target = ConfigText.Parse(ConfigText.With("avail_zones: [a, c]\ninstance_types: {web: t3.small, worker: t3.small, cache: t3.micro}\nservers: {cache: 1, worker: 2}\n")).Resolve("staging");

            // When
            var plan = ServerPlan.For(target, new DateTimeOffset(2026, 12, 2, 9, 30, 5, TimeSpan.FromHours(1)));

            // Then
            Assert.Equal(
                [
                    new PlannedServer("cache", "cache", "us-east-1a", "2026-12-02_08-30-05_staging_cache_us-east-1a"),
                    new PlannedServer("worker", "worker-1", "us-east-1c", "2026-12-02_08-30-05_staging_worker-1_us-east-1c"),
                    new PlannedServer("worker", "worker-2", "us-east-1a", "2026-12-02_08-30-05_staging_worker-2_us-east-1a"),
                ],
                plan);
        }

        [Fact]
        public void Should_Ask_For_Zones_When_There_Are_Servers()
        {
            // Given
            var target = ConfigText.Parse(ConfigText.With("instance_types: {web: t3.small, cache: t3.micro}\nservers: {cache: 1}\n")).Resolve("staging");

            // When
            var error = Record.Exception(() => ServerPlan.For(target, DateTimeOffset.UnixEpoch));

            // Then
            Assert.StartsWith("CreateEnvironment puts each server of app/staging in a zone of avail_zones", error?.Message);
        }
    }
}
