using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class SecretsCommandsTests
{
    public sealed class ThePrepareTemporaryFilesMethod
    {
        [Fact]
        public void Should_Create_Owner_Only_Empty_Files_After_Removing_Stale_Ones()
        {
            // When
            var command = SecretsCommands.PrepareTemporaryFiles("~/secrets/", ["~/secrets/.db.tmp-1a2b", "~/secrets/.api.tmp-1a2b"]);

            // Then
            Assert.Equal(
                "{ umask 077 && mkdir -p ~/secrets/ && rm -f -- ~/secrets/.db.tmp-1a2b ~/secrets/.api.tmp-1a2b && : > ~/secrets/.db.tmp-1a2b && : > ~/secrets/.api.tmp-1a2b; } </dev/null",
                command.Render());
            Assert.Equal(command.Render(), command.RenderSafe());
        }
    }

    public sealed class TheRemoveTemporaryFilesMethod
    {
        [Fact]
        public void Should_Remove_Them_Quietly()
        {
            // When
            var command = SecretsCommands.RemoveTemporaryFiles(["/srv/secrets/.db.tmp-1a2b"]);

            // Then
            Assert.Equal("rm -f -- /srv/secrets/.db.tmp-1a2b </dev/null", command.Render());
        }
    }

    public sealed class TheIsValidNameMethod
    {
        [Theory]
        [InlineData("database_password", true)]
        [InlineData("newrelic.license-key", true)]
        [InlineData(".hidden", false)]
        [InlineData("../etc/passwd", false)]
        [InlineData("a/b", false)]
        [InlineData("with space", false)]
        [InlineData("", false)]
        public void Should_Accept_Only_Plain_File_Names(string name, bool expected)
        {
            // When
            var valid = SecretsCommands.IsValidName(name);

            // Then
            Assert.Equal(expected, valid);
        }
    }
}
