using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration;

public sealed class DeploymentTargetTests
{
    public sealed class TheRenderProvisionCommandsMethod
    {
        [Theory]
        [InlineData("")]
        [InlineData(" ")]
        public void Should_Refuse_An_Empty_Commit(string commit)
        {
            // Given
            var target = ConfigText.Parse(ConfigText.With("provision_commands: ['echo {{commit}}']\n")).Resolve("staging");

            // When
            var exception = Record.Exception(() => target.RenderProvisionCommands(commit));

            // Then
            Assert.IsType<ArgumentException>(exception);
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
