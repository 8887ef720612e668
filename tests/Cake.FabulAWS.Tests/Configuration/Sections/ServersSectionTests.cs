using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class ServersSectionTests
{
    private const string Types = "instance_types: {web: t3.small, worker: t3.small, cache: t3.micro, db-primary: m6i.large}\n";

    public sealed class TheServersKey
    {
        [Fact]
        public void Should_Default_To_No_Servers_And_FabulAws_Group_Sizes()
        {
            // When
            var target = ConfigText.Parse(ConfigText.Minimal).Resolve("staging");

            // Then
            Assert.Empty(target.Servers);
            Assert.Empty(target.RoleProvisionCommands);
            Assert.Equal(new GroupSettings { MinSize = 2, MaxSize = 4, DesiredCapacity = 2, HealthCheckType = "ELB", HealthCheckGracePeriod = 120 }, target.Group);
        }

        [Fact]
        public void Should_Give_Every_Environment_The_Default_Roles_And_One_Listed_Environment_Its_Own()
        {
            // Given
            var yaml = ConfigText.With(Types + "servers:\n  db-primary: 1\n  cache: 1\n  worker: 2\n  production:\n    worker: 1\n    cache: 0\n");

            // When
            var config = ConfigText.Parse(yaml);

            // Then
            Assert.Equal([new RoleServers("db-primary", 1), new RoleServers("cache", 1), new RoleServers("worker", 2)], config.Resolve("staging").Servers);
            Assert.Equal([new RoleServers("worker", 1)], config.Resolve("production").Servers);
            Assert.Equal("t3.micro", config.Resolve("staging").InstanceTypes["cache"]);
        }

        [Theory]
        [InlineData("servers: [worker]\n", "fabulaws-config.yml:2:10: servers: should be a mapping (key: value lines), not a list")]
        [InlineData("servers: {worker: two}\n", "fabulaws-config.yml:2:19: servers/worker: should be a whole number, not 'two'")]
        [InlineData("servers: {worker: 21}\n", "fabulaws-config.yml:2:19: servers/worker: should be between 0 and 20, not 21")]
        [InlineData("servers: {stagin: {worker: 1}}\n", "fabulaws-config.yml:2:11: servers/stagin: unknown environment (did you mean staging?); environments: staging, production (a role takes a count: stagin: 1)")]
        [InlineData("servers: {staging: 2}\n", "fabulaws-config.yml:2:20: servers/staging: should be a mapping {role: count} of the servers of staging, not '2'")]
        [InlineData("servers: {web: 2}\n", "fabulaws-config.yml:2:11: servers/web: the web servers are the Auto Scaling group's: give how many with group_settings (desired_capacity)")]
        [InlineData("servers: {staging: {db primary: 1}}\n", "fabulaws-config.yml:2:21: servers/staging/db primary: 'db primary' should contain only letters, digits, '-', '_' and '.'")]
        public void Should_Report_The_Mistake(string fragment, string expected)
        {
            // When
            var error = ConfigText.ErrorOf(ConfigText.With(Types + fragment));

            // Then
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Should_Ask_For_The_Instance_Type_Of_Each_Role_With_Servers_In_Each_Environment()
        {
            // When
            var errors = ConfigText.ErrorsOf(ConfigText.With("servers: {db-replica: 1, worker: 0}\n"));

            // Then
            Assert.Equal(
            [
                "fabulaws-config.yml:10:3: instance_types/staging/db-replica: missing (servers gives staging 1 db-replica server(s))",
                "fabulaws-config.yml:10:3: instance_types/production/db-replica: missing (servers gives production 1 db-replica server(s))",
            ], errors);
        }
    }

    public sealed class TheRoleProvisionCommandsKey
    {
        [Fact]
        public void Should_Render_A_Roles_Commands_With_The_Placeholders()
        {
            // Given
            var yaml = ConfigText.With(Types + "servers: {worker: 1}\nrole_provision_commands:\n  worker:\n    - git clone -q repo {{code_root}}\n    - echo {{environment}} {{commit}}\n");

            // When
            var target = ConfigText.Parse(yaml).Resolve("staging");

            // Then
            Assert.Equal(["git clone -q repo ~/app", "echo staging 0123abc"], target.RenderRoleProvisionCommands("worker", "0123abc"));
            Assert.Empty(target.RenderRoleProvisionCommands("cache", "0123abc"));
        }

        [Theory]
        [InlineData("role_provision_commands: {wroker: [make]}\n", "fabulaws-config.yml:3:27: role_provision_commands/wroker: no environment has servers of this role (did you mean worker?); roles in servers: worker")]
        [InlineData("role_provision_commands: {web: [make]}\n", "fabulaws-config.yml:3:27: role_provision_commands/web: the web servers are baked from provision_commands; role_provision_commands is for the roles of servers")]
        [InlineData("role_provision_commands: {worker: make}\n", "fabulaws-config.yml:3:35: role_provision_commands/worker: should be a list, not 'make'")]
        [InlineData("role_provision_commands: [make]\n", "fabulaws-config.yml:3:26: role_provision_commands: should be a mapping (key: value lines), not a list")]
        [InlineData("role_provision_commands:\n  worker: ['echo {{comit}}']\n", "fabulaws-config.yml:4:12: role_provision_commands/worker[0]: unknown placeholder {{comit}} (did you mean {{commit}}?); placeholders: {{deployment}}, {{environment}}, {{branch}}, {{commit}}, {{deploy_user}}, {{static_root}}, {{code_root}}")]
        public void Should_Report_The_Mistake(string fragment, string expected)
        {
            // When
            var error = ConfigText.ErrorOf(ConfigText.With(Types + "servers: {worker: 1}\n" + fragment));

            // Then
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Should_Say_When_No_Role_Has_Servers()
        {
            // When
            var error = ConfigText.ErrorOf(ConfigText.With("role_provision_commands: {cache: [make]}\n"));

            // Then
            Assert.Equal("fabulaws-config.yml:1:27: role_provision_commands/cache: no environment has servers of this role; servers lists no roles", error);
        }
    }

    public sealed class TheGroupSettingsKey
    {
        [Fact]
        public void Should_Start_An_Environments_Settings_From_The_Ones_For_Every_Environment()
        {
            // Given
            var yaml = ConfigText.With("group_settings:\n  health_check_grace_period: 60\n  desired_capacity: 3\n  production: {min_size: 4, desired_capacity: 4, max_size: 8, health_check_type: EC2}\n");

            // When
            var config = ConfigText.Parse(yaml);

            // Then
            Assert.Equal(new GroupSettings { MinSize = 2, MaxSize = 4, DesiredCapacity = 3, HealthCheckType = "ELB", HealthCheckGracePeriod = 60 }, config.Resolve("staging").Group);
            Assert.Equal(new GroupSettings { MinSize = 4, MaxSize = 8, DesiredCapacity = 4, HealthCheckType = "EC2", HealthCheckGracePeriod = 60 }, config.Resolve("production").Group);
        }

        [Theory]
        [InlineData("group_settings: {desired_capacity: 0}\n", "fabulaws-config.yml:1:36: group_settings/desired_capacity: should be between 1 and 1000, not 0")]
        [InlineData("group_settings: {min_size: 3}\n", "fabulaws-config.yml:1:17: group_settings: needs min_size <= desired_capacity <= max_size, not 3, 2, 4")]
        [InlineData("group_settings: {production: {max_size: 1}}\n", "fabulaws-config.yml:1:30: group_settings/production: needs min_size <= desired_capacity <= max_size, not 2, 2, 1")]
        [InlineData("group_settings: {health_check_type: elb}\n", "fabulaws-config.yml:1:37: group_settings/health_check_type: should be ELB or EC2, not 'elb' (did you mean ELB?)")]
        [InlineData("group_settings: {health_check_grace_period: 9000}\n", "fabulaws-config.yml:1:45: group_settings/health_check_grace_period: should be between 0 and 7200, not 9000")]
        [InlineData("group_settings: {max: 8}\n", "fabulaws-config.yml:1:18: group_settings/max: unknown key or environment; keys: min_size, max_size, desired_capacity, health_check_type, health_check_grace_period; environments: staging, production")]
        [InlineData("group_settings: {min_sise: 1}\n", "fabulaws-config.yml:1:18: group_settings/min_sise: unknown key or environment (did you mean min_size?); keys: min_size, max_size, desired_capacity, health_check_type, health_check_grace_period; environments: staging, production")]
        [InlineData("group_settings: {production: {max: 8}}\n", "fabulaws-config.yml:1:31: group_settings/production/max: unknown key")]
        [InlineData("group_settings: {production: 4}\n", "fabulaws-config.yml:1:30: group_settings/production: should be a mapping (key: value lines), not '4'")]
        public void Should_Report_The_Mistake(string fragment, string expected)
        {
            // When
            var error = ConfigText.ErrorOf(ConfigText.With(fragment));

            // Then
            Assert.Equal(expected, error);
        }
    }
}
