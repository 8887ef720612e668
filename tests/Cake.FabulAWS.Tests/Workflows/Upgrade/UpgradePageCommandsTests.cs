using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS.Tests.Workflows.Upgrade;

public sealed class UpgradePageCommandsTests
{
    public sealed class ThePathsMethod
    {
        [Fact]
        public void Should_Place_Both_Files_In_The_Web_Root()
        {
            // When
            var paths = UpgradePageCommands.Paths(FakeRemote.UpgradeSettings() with { StaticRoot = "~/www/staging/static_media/" });

            // Then
            Assert.Equal(["~/www/staging/static_media/upgrade_message.html", "~/www/staging/static_media/healthcheck.html"], paths);
        }
    }

    public sealed class TheRemoveMethod
    {
        [Fact]
        public void Should_Remove_Both_Files_Without_Failing_When_Absent()
        {
            // When
            var command = UpgradePageCommands.Remove(FakeRemote.UpgradeSettings());

            // Then
            Assert.Equal("rm -f -- ~/'www/static/upgrade_message.html' ~/'www/static/healthcheck.html' </dev/null", command.Render());
            Assert.Equal(TimeSpan.FromMinutes(1), command.Timeout);
        }
    }
}
