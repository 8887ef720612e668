using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Tests.Configuration;

namespace Cake.FabulAWS.Tests.Environments;

public class EnvironmentSessionTests
{
    private static DeploymentTarget Local()
    {
        var file = RepositoryFiles.Path("fabulaws-config.yml");
        return FabulAwsConfig.Parse(File.ReadAllText(file), file).Resolve("local");
    }

    private static EnvironmentSession Session(DeploymentTarget target, EnvironmentOptions? options = null) =>
        new(target, options, AwsClientFactory.Create(new AwsConnectionSettings { Region = "us-east-1", EndpointUrl = "http://127.0.0.1:9" }));

    public class TheSshProperty
    {
        [Fact]
        public void Should_Take_User_Port_And_Timeouts_From_The_Configuration()
        {
            // Given
            var target = Local();
            using var session = Session(target);

            // When
            var ssh = session.Ssh;

            // Then
            Assert.Equal("fabdeploy", ssh.User);
            Assert.Equal(target.Ssh.Port, ssh.Port);
            Assert.Equal(target.Ssh.ConnectTimeout, ssh.ConnectTimeout);
            Assert.Equal(target.Ssh.CommandTimeout, ssh.CommandTimeout);
            Assert.False(ssh.TrustOnFirstUse);
            Assert.Equal(Path.Combine(session.ConfigDirectory, "fabulaws-logs", "local"), ssh.LogDirectory);
        }

        [Fact]
        public void Should_Let_The_Remote_User_And_Trust_Flag_Override_The_Configuration()
        {
            // Given
            using var session = Session(Local(), new EnvironmentOptions { RemoteUser = "ubuntu", TrustNewHostKeys = true, LogDirectory = "/tmp/logs" });

            // When
            var ssh = session.Ssh;

            // Then
            Assert.Equal("ubuntu", ssh.User);
            Assert.True(ssh.TrustOnFirstUse);
            Assert.Equal("/tmp/logs", ssh.LogDirectory);
        }
    }

    public class TheStepSettings
    {
        [Fact]
        public void Should_Push_The_Configured_Secrets_From_Beside_The_Config_To_Web_And_Worker_Servers()
        {
            // Given
            var target = Local();
            using var session = Session(target);

            // When
            var settings = session.UpdateServerPasswords();

            // Then
            Assert.Equal(("demo", "local"), (settings.Deployment, settings.Environment));
            Assert.Equal(target.PasswordNames, settings.PasswordNames);
            Assert.Equal(Path.GetDirectoryName(RepositoryFiles.Path("fabulaws-config.yml")), settings.SecretsFileDirectory);
            Assert.Equal(["web", "worker"], settings.Roles);
            Assert.Equal("private_ip_address", settings.AddressAttribute);
        }

        [Fact]
        public void Should_Show_The_Configured_Pages_In_The_Static_Root_Of_The_Group()
        {
            // Given
            var target = Local();
            using var session = Session(target);

            // When
            var settings = session.UpgradePage();

            // Then
            Assert.Equal("demo-local-asg", settings.AutoScalingGroupName);
            Assert.Equal("~/services/nginx/html", settings.StaticRoot);
            Assert.Equal(target.StaticHtml.UpgradeMessage, settings.UpgradeMessageFile);
            Assert.Equal(target.StaticHtml.HealthcheckOverride, settings.HealthcheckOverrideFile);
        }

        [Fact]
        public void Should_Render_The_Worker_Commands_With_The_Commit()
        {
            // Given
            var target = Local();
            using var session = Session(target);

            // When
            var settings = session.DeployWorker("0123abc");

            // Then
            Assert.Equal("0123abc", settings.Commit);
            Assert.Equal(target.RenderDeployWorkerCommands("0123abc"), settings.Commands);
            Assert.Contains(settings.Commands, c => c.Contains("0123abc", StringComparison.Ordinal));
            Assert.Equal("worker", settings.WorkerRole);
        }
    }
}
