using Cake.Core;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class SshKeysTests
{
    public sealed class TheOpenMethod : IDisposable
    {
        private readonly DirectoryInfo home = Directory.CreateTempSubdirectory("ssh-keys-home-");

        public void Dispose() => home.Delete(recursive: true);

        [Fact]
        public void Should_Name_A_Configured_Key_That_Does_Not_Exist()
        {
            // Given
            var settings = new SshSettings("deploy") { KeyPath = "~/keys/deploy" };

            // When
            var error = Record.Exception(() => SshKeys.Open(settings, _ => null, home.FullName, "as 'deploy' on 10.0.0.1"));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.Equal($"The SSH key '{Path.Combine(home.FullName, "keys/deploy")}' (from the SSH settings) does not exist; it is needed to log in as 'deploy' on 10.0.0.1.", error.Message);
        }

        [Fact]
        public void Should_Say_The_Key_Came_From_The_Environment_Variable()
        {
            // Given
            var missing = Path.Combine(home.FullName, "nope");

            // When
            var error = Record.Exception(() => SshKeys.Open(new SshSettings("deploy"), n => n == SshSettings.KeyVariable ? missing : null, home.FullName, "x"));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.Contains($"'{missing}' (from FABULAWS_SSH_KEY) does not exist", error.Message);
        }

        [Fact]
        public void Should_Say_Where_It_Looked_When_No_Default_Key_Exists()
        {
            // When
            var error = Record.Exception(() => SshKeys.Open(new SshSettings("deploy"), _ => null, home.FullName, "as 'deploy' on 10.0.0.1"));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.StartsWith("No SSH key to log in as 'deploy' on 10.0.0.1: set the key path in the settings or FABULAWS_SSH_KEY, or create ~/.ssh/id_ed25519", error.Message);
        }

        [Fact]
        public void Should_Name_A_File_That_Is_Not_A_Key()
        {
            // Given
            var path = Path.Combine(home.FullName, "not_a_key");
            File.WriteAllText(path, "hello");

            // When
            var error = Record.Exception(() => SshKeys.Open(new SshSettings("deploy") { KeyPath = path }, _ => null, home.FullName, "x"));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.StartsWith($"The SSH key '{path}' cannot be read", error.Message);
        }
    }
}
