using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration;

public sealed class ResolveTests
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    public sealed class TheResolveMethod
    {
        [Fact]
        public void Should_Gather_Everything_Of_One_Environment()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With("""
                target_groups:
                  app:
                    production: [app-production-tg]
                endpoint_urls:
                  staging: http://127.0.0.1:4566
                avail_zones: [a, c]
                subnets:
                  a: subnet-0a1b
                security_groups:
                  web: [app-sg, app-web-sg]
                instance_types:
                  staging:
                    web: t3.small
                    worker: t3.medium
                  production:
                    web: c6i.large
                launch_templates:
                  app: app-lt
                password_names: [secret_key]
                """));

            // When
            var staging = config.Resolve("staging", null, NoVariables);
            var production = config.Resolve("production", "app", NoVariables);

            // Then
            Assert.Equal("app", staging.Deployment);
            Assert.Equal("staging", staging.Environment);
            Assert.Equal("main", staging.Branch);
            Assert.False(staging.IsProduction);
            Assert.True(production.IsProduction);
            Assert.Equal("us-east-1", staging.Region);
            Assert.Equal(new Uri("http://127.0.0.1:4566"), staging.EndpointUrl);
            Assert.Null(production.EndpointUrl);
            Assert.Equal("app-staging-ag", staging.AutoScalingGroupName);
            Assert.Equal(["app-staging-lb"], staging.LoadBalancerNames);
            Assert.Empty(staging.TargetGroups);
            Assert.Equal(["app-production-tg"], production.TargetGroups);
            Assert.Equal(LaunchType.LaunchTemplate, staging.LaunchType);
            Assert.Equal("app-lt", staging.LaunchTemplateName);
            Assert.Equal(new Dictionary<string, string> { ["web"] = "t3.small", ["worker"] = "t3.medium" }, staging.InstanceTypes);
            Assert.Equal(new Dictionary<string, string> { ["web"] = "c6i.large" }, production.InstanceTypes);
            Assert.Equal("c6i.large", production.WebInstanceType);
            Assert.Equal(["app-sg", "app-web-sg"], staging.SecurityGroupsFor("web"));
            Assert.Empty(staging.SecurityGroupsFor("worker"));
            Assert.Equal(["us-east-1a", "us-east-1c"], staging.AvailabilityZones);
            Assert.Equal(new Dictionary<string, string> { ["us-east-1a"] = "subnet-0a1b" }, staging.Subnets);
            Assert.Equal(new InstanceSettings("ami-0123456789abcdef0", null, null), staging.Instance);
            Assert.Equal("app", staging.DeployUser);
            Assert.Equal(["secret_key"], staging.PasswordNames);
            Assert.Equal("fabulaws-config.yml", staging.ConfigFile);
        }

        [Fact]
        public void Should_Apply_The_Documented_Defaults()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.Minimal);

            // When
            var target = config.Resolve("staging", null, NoVariables);

            // Then
            Assert.Equal(LaunchType.LaunchTemplate, target.LaunchType);
            Assert.Null(target.LaunchTemplateName);
            Assert.Equal("public_dns_name", target.SshAddressAttribute);
            Assert.Equal(new SshConfiguration("app", 22, null, "none", null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1800)), target.Ssh);
            Assert.Equal("~/services/nginx/html", target.StaticHtml.RemoteRoot);
            Assert.Equal("~/services/nginx/html/upgrade_message.html", target.StaticHtml.RemoteUpgradeMessage);
            Assert.Equal("~/services/nginx/html/healthcheck.html", target.StaticHtml.RemoteHealthcheckOverride);
            Assert.Equal("web", target.WebRole);
            Assert.Equal("worker", target.WorkerRole);
            Assert.Empty(target.ProvisionCommands);
            Assert.Empty(target.DeployWorkerCommands);
            Assert.Empty(target.PasswordNames);
            Assert.Empty(target.AvailabilityZones);
            Assert.Empty(target.Subnets);
            Assert.Empty(target.SecurityGroups);
            Assert.Equal(new WaitTimeouts(), target.Timeouts);
            Assert.Equal(TimeSpan.FromSeconds(600), target.Timeouts.InstanceRunning);
            Assert.Equal(TimeSpan.FromSeconds(7200), target.Timeouts.Deploy);
        }

        [Fact]
        public void Should_Read_Every_Setting_That_Overrides_A_Default()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With("""
                launch_type: launch_configuration
                ec2_attr_for_ssh: private_ip_address
                ssh_port: 2222
                connect_timeout: 5
                command_timeout: 60
                static_root: /srv/www
                web_role: frontend
                worker_role: jobs
                instance_types:
                  frontend: t3.small
                timeouts:
                  instance_running: 1
                  ssh_ready: 2
                  image_available: 3
                  instances_in_service: 4
                  instance_healthy: 5
                  instance_drained: 6
                  deploy: 7
                """));

            // When
            var target = config.Resolve("production", null, NoVariables);

            // Then
            Assert.Equal(LaunchType.LaunchConfiguration, target.LaunchType);
            Assert.Equal("private_ip_address", target.SshAddressAttribute);
            Assert.Equal(2222, target.Ssh.Port);
            Assert.Equal(TimeSpan.FromSeconds(5), target.Ssh.ConnectTimeout);
            Assert.Equal(TimeSpan.FromSeconds(60), target.Ssh.CommandTimeout);
            Assert.Equal("/srv/www/healthcheck.html", target.StaticHtml.RemoteHealthcheckOverride);
            Assert.Equal(("frontend", "jobs"), (target.WebRole, target.WorkerRole));
            Assert.Equal("t3.small", target.WebInstanceType);
            var seconds = new[]
            {
                target.Timeouts.InstanceRunning, target.Timeouts.SshReady, target.Timeouts.ImageAvailable, target.Timeouts.InstancesInService,
                target.Timeouts.InstanceHealthy, target.Timeouts.InstanceDrained, target.Timeouts.Deploy,
            }.Select(timeout => timeout.TotalSeconds);
            Assert.Equal([1d, 2, 3, 4, 5, 6, 7], seconds);
        }

        [Theory]
        [InlineData("branches:\n  app: release\n", "staging", "release")]
        [InlineData("branches:\n  staging: develop\n  production: main\n", "staging", "develop")]
        [InlineData("branches:\n  staging: develop\n  production: main\n", "production", "main")]
        public void Should_Find_Values_In_Every_Shape_FabulAws_Accepts(string fragment, string environment, string branch)
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With(fragment));

            // When
            var target = config.Resolve(environment, null, NoVariables);

            // Then
            Assert.Equal(branch, target.Branch);
        }

        [Fact]
        public void Should_Use_The_Environment_Level_Value_Of_A_Role_Map()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With("instance_types:\n  staging: t3.micro\n  web: c6i.large\n"));

            // When
            var staging = config.Resolve("staging", null, NoVariables);
            var production = config.Resolve("production", null, NoVariables);

            // Then
            Assert.Equal(new Dictionary<string, string> { ["web"] = "t3.micro", ["worker"] = "t3.micro" }, staging.InstanceTypes);
            Assert.Equal(new Dictionary<string, string> { ["web"] = "c6i.large" }, production.InstanceTypes);
        }

        [Fact]
        public void Should_Let_FABULAWS_SSH_KEY_Override_The_Configured_Key()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With("ssh_key: /keys/from-file\n"));
            var variables = new Dictionary<string, string> { ["FABULAWS_SSH_KEY"] = "/keys/from-variable" };

            // When
            var overridden = config.Resolve("staging", null, variables.GetValueOrDefault);
            var configured = config.Resolve("staging", null, NoVariables);

            // Then
            Assert.Equal(("/keys/from-variable", "FABULAWS_SSH_KEY"), (overridden.Ssh.KeyPath, overridden.Ssh.KeySource));
            Assert.Equal(("/keys/from-file", "ssh_key in fabulaws-config.yml"), (configured.Ssh.KeyPath, configured.Ssh.KeySource));
        }

        [Fact]
        public void Should_Take_Each_Environment_Its_Own_Ssh_Settings_From_Environment_Maps()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With("""
                deploy_user:
                  staging: app-staging
                  production: app
                ec2_attr_for_ssh: {staging: private_ip_address, production: private_dns_name}
                ssh_key: {staging: /keys/staging, production: /keys/production}
                ssh_port: {staging: 2222, production: 2200}
                known_hosts: {staging: /hosts/staging, production: /hosts/production}
                """));

            // When
            var staging = config.Resolve("staging", null, NoVariables);
            var production = config.Resolve("production", null, NoVariables);

            // Then
            Assert.Equal(("app-staging", "private_ip_address"), (staging.DeployUser, staging.SshAddressAttribute));
            Assert.Equal(("app", "private_dns_name"), (production.DeployUser, production.SshAddressAttribute));
            Assert.Equal(
                new SshConfiguration("app-staging", 2222, "/keys/staging", "ssh_key in fabulaws-config.yml", "/hosts/staging", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1800)),
                staging.Ssh);
            Assert.Equal(
                new SshConfiguration("app", 2200, "/keys/production", "ssh_key in fabulaws-config.yml", "/hosts/production", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1800)),
                production.Ssh);
        }

        [Fact]
        public void Should_Give_The_Defaults_To_Environments_A_Map_Leaves_Out()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With("""
                ec2_attr_for_ssh: {staging: private_ip_address}
                ssh_key: {staging: /keys/staging}
                ssh_port: {staging: 2222}
                known_hosts: {staging: /hosts/staging}
                """));

            // When
            var staging = config.Resolve("staging", null, NoVariables);
            var production = config.Resolve("production", null, NoVariables);

            // Then
            Assert.Equal(("private_ip_address", 2222, "/keys/staging", "/hosts/staging"), (staging.SshAddressAttribute, staging.Ssh.Port, staging.Ssh.KeyPath, staging.Ssh.KnownHostsPath));
            Assert.Equal(new SshConfiguration("app", 22, null, "none", null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1800)), production.Ssh);
            Assert.Equal("public_dns_name", production.SshAddressAttribute);
        }

        [Fact]
        public void Should_Let_FABULAWS_SSH_KEY_Override_An_Environment_Map_Of_Keys()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With("ssh_key: {staging: /keys/staging}\n"));
            var variables = new Dictionary<string, string> { ["FABULAWS_SSH_KEY"] = "/keys/from-variable" };

            // When
            var targets = config.Environments.Select(environment => config.Resolve(environment, null, variables.GetValueOrDefault));

            // Then
            Assert.All(targets, target => Assert.Equal(("/keys/from-variable", "FABULAWS_SSH_KEY"), (target.Ssh.KeyPath, target.Ssh.KeySource)));
        }

        [Fact]
        public void Should_Put_The_Deploy_User_Of_The_Environment_Into_Commands()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With("""
                deploy_user: {staging: app-staging, production: app}
                provision_commands:
                  - chown -R {{deploy_user}} ~/www
                """));

            // When
            var commands = config.Environments.Select(environment => config.Resolve(environment, null, NoVariables).RenderProvisionCommands("abc1234")[0]);

            // Then
            Assert.Equal(["chown -R app-staging ~/www", "chown -R app ~/www"], commands);
        }

        [Fact]
        public void Should_Use_The_Default_Deployment_Among_Several()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With(MultiDeployment + "default_deployment: other\n"));

            // When
            var target = config.Resolve("staging", null, NoVariables);

            // Then
            Assert.Equal(("other", "other-staging-ag"), (target.Deployment, target.AutoScalingGroupName));
        }

        [Theory]
        [InlineData(null, "fabulaws-config.yml:2:15: environments: no environment chosen; environments: staging, production")]
        [InlineData(" ", "fabulaws-config.yml:2:15: environments: no environment chosen; environments: staging, production")]
        [InlineData("prodution", "fabulaws-config.yml:2:15: environments: unknown environment 'prodution' (did you mean production?); environments: staging, production")]
        [InlineData("qa", "fabulaws-config.yml:2:15: environments: unknown environment 'qa'; environments: staging, production")]
        public void Should_Refuse_A_Missing_Or_Unknown_Environment_And_List_The_Names(string? environment, string expected)
        {
            // Given
            var config = ConfigText.Parse(ConfigText.Minimal);

            // When
            var exception = Assert.Throws<FabulAwsConfigurationException>(() => config.Resolve(environment!, null, NoVariables));

            // Then
            Assert.Equal(expected, Assert.Single(exception.Errors).ToString());
            Assert.EndsWith("Pass --environment=NAME with one of: staging, production (deployments: app).", exception.Message);
        }

        [Fact]
        public void Should_Refuse_An_Unknown_Deployment()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.Minimal);

            // When
            var exception = Assert.Throws<FabulAwsConfigurationException>(() => config.Resolve("staging", "ap", NoVariables));

            // Then
            Assert.Equal(
                "fabulaws-config.yml:1:14: deployments: unknown deployment 'ap' (did you mean app?); deployments: app",
                Assert.Single(exception.Errors).ToString());
            Assert.EndsWith("Pass --deployment=NAME with one of: app.", exception.Message);
        }

        [Fact]
        public void Should_Refuse_To_Guess_Among_Several_Deployments_Without_A_Default()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.With(MultiDeployment));

            // When
            var exception = Assert.Throws<FabulAwsConfigurationException>(() => config.Resolve("staging", null, NoVariables));

            // Then
            Assert.Equal(
                "fabulaws-config.yml:1:14: deployments: no deployment chosen and no default_deployment; deployments: app, other",
                Assert.Single(exception.Errors).ToString());
            Assert.EndsWith("Pass --deployment=NAME with one of: app, other, or set default_deployment.", exception.Message);
        }

        [Fact]
        public void Should_Resolve_The_Same_Through_The_Public_Overload()
        {
            // Given
            var config = ConfigText.Parse(ConfigText.Minimal);

            // When
            var target = config.Resolve("production");

            // Then
            Assert.Equal(("app", "production", "app-production-ag"), (target.Deployment, target.Environment, target.AutoScalingGroupName));
        }

        private const string MultiDeployment = """
            deployments: [app, other]
            auto_scaling_groups:
              app:
                staging: app-staging-ag
                production: app-production-ag
              other:
                staging: other-staging-ag
                production: other-production-ag
            branches:
              staging: main
              production: main
            load_balancers:
              staging: [shared-staging-lb]
              production: [shared-production-lb]

            """;
    }
}
