using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration;

public sealed class DeploymentTargetTests
{
    public sealed class TheRenderProvisionCommandsMethod
    {
        [Theory]
        [InlineData("")]
        [InlineData(" ")]
        [InlineData("; rm -rf ~")]
        [InlineData("abc123")]
        [InlineData("0123abc; rm -rf ~")]
        [InlineData("0123456789abcdef0123456789abcdef012345678")]
        public void Should_Refuse_What_Is_Not_A_Commit_Id(string commit)
        {
            // Given
            var target = ConfigText.Parse(ConfigText.With("provision_commands: ['echo {{commit}}']\n")).Resolve("staging");

            // When
            var exception = Record.Exception(() => target.RenderProvisionCommands(commit));

            // Then
            Assert.IsType<Cake.Core.CakeException>(exception);
            Assert.Equal($"The commit to deploy: '{commit}' is not a git commit id (7 to 40 hexadecimal digits, as `git rev-parse HEAD` prints). Nothing was run.", exception.Message);
        }

        [Fact]
        public void Should_Quote_Each_Value_And_Keep_The_Home_Folder_Expandable()
        {
            // Given
            var target = ConfigText.Parse(ConfigText.With("static_root: ~/www/static\nprovision_commands: ['mkdir -p {{static_root}} && echo {{commit}}']\n")).Resolve("staging");

            // When
            var commands = target.RenderProvisionCommands("0123abcdef");

            // Then: the home folder stays expandable, the rest is one word
            Assert.Equal(["mkdir -p ~/www/static && echo 0123abcdef"], commands);
        }
    }

    public sealed class TheStaticHtmlProperty
    {
        [Fact]
        public void Should_Put_Both_Pages_In_The_Static_Root_Without_A_Double_Slash()
        {
            // Given
            var target = ConfigText.Parse(ConfigText.With("static_root: /srv/www/\n")).Resolve("staging");

            // When
            var paths = (target.StaticHtml.RemoteUpgradeMessage, target.StaticHtml.RemoteHealthcheckOverride);

            // Then
            Assert.Equal(("/srv/www/upgrade_message.html", "/srv/www/healthcheck.html"), paths);
        }
    }
}
