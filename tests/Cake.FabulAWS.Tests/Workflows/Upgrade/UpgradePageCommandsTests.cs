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

    public sealed class TheClaimMethod
    {
        [Fact]
        public void Should_Refuse_A_File_It_Did_Not_Place_Then_Mark_The_Files_It_Will_Place()
        {
            // When
            var command = UpgradePageCommands.Claim(FakeRemote.UpgradeSettings(), ["upgrade_message.html", "healthcheck.html"]);

            // Then
            Assert.Equal(
                "{ mkdir -p ~/www/static && cd ~/www/static && for f in upgrade_message.html healthcheck.html; do if [ -e \"$f\" ] && [ ! -e \".$f.placed-by-fabulaws\" ]; then "
                + "echo \"$PWD/$f\"' exists and was not placed by a deploy: static_root must be a folder of its own (FabulAWS: ~/services/nginx/html), served before the application'\\''s files. Nothing was changed on this server.' >&2; exit 3; fi; done"
                + " && touch .upgrade_message.html.placed-by-fabulaws .healthcheck.html.placed-by-fabulaws; } </dev/null",
                command.Render());
            Assert.Equal(TimeSpan.FromMinutes(1), command.Timeout);
        }
    }

    public sealed class TheRemoveMethod
    {
        [Fact]
        public void Should_Remove_Only_The_Files_With_A_Marker_Without_Failing_When_Absent()
        {
            // When
            var command = UpgradePageCommands.Remove(FakeRemote.UpgradeSettings());

            // Then
            Assert.Equal(
                "{ cd ~/www/static 2>/dev/null || exit 0; for f in upgrade_message.html healthcheck.html; do if [ -e \".$f.placed-by-fabulaws\" ]; then rm -f -- \"$f\" \".$f.placed-by-fabulaws\" || exit 1; fi; done; } </dev/null",
                command.Render());
            Assert.Equal(TimeSpan.FromMinutes(1), command.Timeout);
        }
    }
}
