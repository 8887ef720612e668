using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Tests.Configuration;
using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Tests.Support;

namespace Cake.FabulAWS.Tests.Environments;

public class EnvironmentServicesTests
{
    private static DeploymentTarget Local()
    {
        var file = RepositoryFiles.Path("fabulaws-config.yml");
        return FabulAwsConfig.Parse(File.ReadAllText(file), file).Resolve("local");
    }

    public class TheSshSettings
    {
        [Fact]
        public void Should_Take_User_Port_And_Timeouts_From_The_Configuration_And_Keep_Files_Beside_It()
        {
            // Given: values that differ from SshSettings' own defaults, so a lost one shows
            var local = Local();
            var target = local with { Ssh = local.Ssh with { CommandTimeout = TimeSpan.FromSeconds(77), KnownHostsPath = "/srv/known_hosts" } };

            // When
            var ssh = EnvironmentServicesFactory.Ssh(target, new EnvironmentOptions());

            // Then
            Assert.Equal("fabdeploy", ssh.User);
            Assert.Equal(2222, ssh.Port);
            Assert.Equal(TimeSpan.FromSeconds(10), ssh.ConnectTimeout);
            Assert.Equal(TimeSpan.FromSeconds(77), ssh.CommandTimeout);
            Assert.Equal("/srv/known_hosts", ssh.KnownHostsPath);
            Assert.Equal(Path.Combine(target.ConfigDirectory, "fabulaws-logs", "local"), ssh.LogDirectory);
            Assert.Equal(Path.Combine(target.ConfigDirectory, ".fabulaws", "local", "known_hosts"), ssh.RecordedKnownHostsPath);
        }

        [Fact]
        public void Should_Let_The_Remote_User_And_Trust_Flag_Override_The_Configuration()
        {
            // When
            var ssh = EnvironmentServicesFactory.Ssh(Local(), new EnvironmentOptions { RemoteUser = "ubuntu", TrustNewHostKeys = true, LogDirectory = "/tmp/logs" });

            // Then
            Assert.Equal(("ubuntu", true, "/tmp/logs"), (ssh.User, ssh.TrustOnFirstUse, ssh.LogDirectory));
        }
    }

    public class TheStepSettings
    {
        private static EnvironmentServices Services(DeploymentTarget target, EnvironmentOptions? options = null) =>
            TestServices.For(target, options ?? new EnvironmentOptions(), new FakeRemote(), new CapturingLog());

        [Fact]
        public void Should_Push_The_Configured_Secrets_From_Beside_The_Config_To_Web_And_Worker_Servers()
        {
            // Given
            var target = Local();
            using var services = Services(target);

            // When
            var settings = services.UpdateServerPasswords;

            // Then
            Assert.Equal(("demo", "local"), (settings.Deployment, settings.Environment));
            Assert.Equal(["demo_secret_key"], settings.PasswordNames);
            Assert.Equal(Path.GetDirectoryName(RepositoryFiles.Path("fabulaws-config.yml")), settings.SecretsFileDirectory);
            Assert.Equal(["web", "worker"], settings.Roles);
        }

        [Fact]
        public void Should_Show_The_Configured_Pages_In_The_Static_Root()
        {
            // Given
            var target = Local();
            using var services = Services(target);

            // When
            var settings = services.UpgradePage;

            // Then
            Assert.Equal("~/services/nginx/html", settings.StaticRoot);
            Assert.Equal(RepositoryFiles.Path("deploy/html/upgrade_message.html"), settings.UpgradeMessageFile);
            Assert.Equal(RepositoryFiles.Path("deploy/html/healthcheck.html"), settings.HealthcheckOverrideFile);
        }

        [Fact]
        public void Should_Render_The_Worker_Commands_With_The_Commit_And_The_Chosen_Worker()
        {
            // Given
            using var services = Services(Local(), new EnvironmentOptions { WorkerHost = "i-0abc" });

            // When
            var settings = services.DeployWorker("0123abc");

            // Then
            Assert.Equal("0123abc", settings.Commit);
            Assert.Equal(["echo deploying main at 0123abc to demo/local"], settings.Commands);
            Assert.Equal(("worker", "i-0abc", "~"), (settings.WorkerRole, settings.WorkerHost, settings.WorkingDirectory));
        }
    }
}
