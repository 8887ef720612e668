namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class StaticHtmlSectionTests
{
    public sealed class TheReadMethod
    {
        [Theory]
        [InlineData("static_html: page.html\n", "fabulaws-config.yml:1:14: static_html: should be a mapping (key: value lines), not 'page.html'")]
        [InlineData("static_html:\n  upgrade_message: a.html\n", "fabulaws-config.yml:2:3: static_html/healthcheck_override: missing (the page that keeps the health check passing while deploying)")]
        [InlineData("static_html:\n  healthcheck_override: b.html\n", "fabulaws-config.yml:2:3: static_html/upgrade_message: missing (the page shown while deploying)")]
        [InlineData("static_html:\n  upgrade_message: a.html\n  healthcheck_override: b.html\n  maintenance: c.html\n", "fabulaws-config.yml:4:3: static_html/maintenance: unknown key")]
        [InlineData("static_html:\n  upgrade_message: a.html\n  healthcheck_override:\n", "fabulaws-config.yml:3:24: static_html/healthcheck_override: has no value")]
        [InlineData("static_root: www\n", "fabulaws-config.yml:1:14: static_root: 'www' should be an absolute path or start with ~/")]
        [InlineData("static_root: ~/my www\n", "fabulaws-config.yml:1:14: static_root: '~/my www' should contain only letters, digits and . _ - / ~ (it is put into remote commands)")]
        [InlineData("static_root: '/srv/$(reboot)'\n", "fabulaws-config.yml:1:14: static_root: '/srv/$(reboot)' should contain only letters, digits and . _ - / ~ (it is put into remote commands)")]
        [InlineData("static_root: [/srv]\n", "fabulaws-config.yml:1:14: static_root: should be a string, not a list")]
        public void Should_Report_The_Mistake(string fragment, string expected)
        {
            // Given
            var yaml = ConfigText.With(fragment);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Should_Report_Missing_Static_Html()
        {
            // Given
            var yaml = ConfigText.Without("static_html");

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal("fabulaws-config.yml:1:1: static_html: missing (upgrade_message and healthcheck_override: the pages shown while deploying)", error);
        }
    }
}
