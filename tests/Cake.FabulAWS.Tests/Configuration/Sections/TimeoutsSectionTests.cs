namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class TimeoutsSectionTests
{
    public sealed class TheReadMethod
    {
        [Theory]
        [InlineData("timeouts:\n  deploi: 10\n", "fabulaws-config.yml:2:3: timeouts/deploi: unknown key (did you mean deploy?)")]
        [InlineData("timeouts:\n  deploy: soon\n", "fabulaws-config.yml:2:11: timeouts/deploy: should be a whole number, not 'soon'")]
        [InlineData("timeouts:\n  deploy: 0\n", "fabulaws-config.yml:2:11: timeouts/deploy: should be between 1 and 604800, not 0")]
        [InlineData("timeouts:\n  instance_healthy: 10m\n", "fabulaws-config.yml:2:21: timeouts/instance_healthy: should be a whole number, not '10m'")]
        [InlineData("timeouts: 600\n", "fabulaws-config.yml:1:11: timeouts: should be a mapping (key: value lines), not '600'")]
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
        public void Should_Keep_The_Defaults_Of_The_Timeouts_Left_Out()
        {
            // Given
            var yaml = ConfigText.With("timeouts:\n  image_available: 120\n");

            // When
            var timeouts = ConfigText.Parse(yaml).Resolve("staging").Timeouts;

            // Then
            Assert.Equal(new Cake.FabulAWS.Configuration.WaitTimeouts { ImageAvailable = TimeSpan.FromSeconds(120) }, timeouts);
        }
    }
}
