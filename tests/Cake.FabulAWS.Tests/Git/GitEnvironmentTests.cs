using System.Diagnostics;
using Cake.FabulAWS.Git;

namespace Cake.FabulAWS.Tests.Git;

public sealed class GitEnvironmentTests
{
    public sealed class TheApplyMethod
    {
        [Fact]
        public void Should_Make_Git_Parseable_And_Never_Prompt()
        {
            // Given
            var startInfo = new ProcessStartInfo("git");

            // When
            GitEnvironment.Apply(startInfo, new GitCommandLineOptions("/src/app"), batchSsh: true);

            // Then
            Assert.Equal("C", startInfo.Environment["LC_ALL"]);
            Assert.Equal("0", startInfo.Environment["GIT_TERMINAL_PROMPT"]);
            Assert.Equal("ssh -o BatchMode=yes", startInfo.Environment["GIT_SSH_COMMAND"]);
        }

        [Fact]
        public void Should_Leave_The_Ssh_Command_Alone_Unless_Asked()
        {
            // Given
            var startInfo = new ProcessStartInfo("git");
            startInfo.Environment["GIT_SSH_COMMAND"] = "ssh -i /keys/deploy";

            // When
            GitEnvironment.Apply(startInfo, new GitCommandLineOptions("/src/app"), batchSsh: false);

            // Then
            Assert.Equal("ssh -i /keys/deploy", startInfo.Environment["GIT_SSH_COMMAND"]);
        }

        [Fact]
        public void Should_Drop_Repository_Variables_Set_By_Git_Hooks()
        {
            // Given
            var startInfo = new ProcessStartInfo("git");
            startInfo.Environment["GIT_DIR"] = "/other/.git";
            startInfo.Environment["GIT_WORK_TREE"] = "/other";

            // When
            GitEnvironment.Apply(startInfo, new GitCommandLineOptions("/src/app"), batchSsh: false);

            // Then
            Assert.False(startInfo.Environment.ContainsKey("GIT_DIR"));
            Assert.False(startInfo.Environment.ContainsKey("GIT_WORK_TREE"));
        }

        [Fact]
        public void Should_Let_The_Options_Override_And_Remove_Variables()
        {
            // Given
            var startInfo = new ProcessStartInfo("git");
            startInfo.Environment["SOME_VARIABLE"] = "inherited";
            var options = new GitCommandLineOptions("/src/app")
            {
                Environment = new Dictionary<string, string?> { ["GIT_CONFIG_GLOBAL"] = "/tmp/gitconfig", ["SOME_VARIABLE"] = null },
            };

            // When
            GitEnvironment.Apply(startInfo, options, batchSsh: false);

            // Then
            Assert.Equal("/tmp/gitconfig", startInfo.Environment["GIT_CONFIG_GLOBAL"]);
            Assert.False(startInfo.Environment.ContainsKey("SOME_VARIABLE"));
        }
    }

    public sealed class TheHasUserSshCommandMethod
    {
        [Theory]
        [InlineData("GIT_SSH_COMMAND", "ssh -i key", true)]
        [InlineData("GIT_SSH", "/usr/bin/plink", true)]
        [InlineData("GIT_SSH_COMMAND", "", false)]
        public void Should_Tell_Whether_The_User_Chose_An_Ssh_Command(string name, string value, bool expected)
        {
            // Given
            var options = new GitCommandLineOptions("/src/app")
            {
                Environment = new Dictionary<string, string?> { [name] = value, [name == "GIT_SSH" ? "GIT_SSH_COMMAND" : "GIT_SSH"] = null },
            };

            // When
            var chosen = GitEnvironment.HasUserSshCommand(options);

            // Then
            Assert.Equal(expected, chosen);
        }
    }
}
