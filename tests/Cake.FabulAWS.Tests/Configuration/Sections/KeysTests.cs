namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class KeysTests
{
    public sealed class TheCheckMethod
    {
        [Theory]
        [InlineData("auto_scaling_group:\n  app: x\n", "fabulaws-config.yml:1:1: auto_scaling_group: unknown key (did you mean auto_scaling_groups?)")]
        [InlineData("enviroments: [staging]\n", "fabulaws-config.yml:1:1: enviroments: unknown key (did you mean environments?)")]
        [InlineData("Region: us-east-1\n", "fabulaws-config.yml:1:1: Region: unknown key (did you mean region?)")]
        [InlineData("regoin: us-east-1\n", "fabulaws-config.yml:1:1: regoin: unknown key (did you mean region?)")]
        [InlineData("colour: blue\n", "fabulaws-config.yml:1:1: colour: unknown key")]
        [InlineData("[a, b]: c\n", "fabulaws-config.yml:1:1: keys should be plain names, not a list")]
        public void Should_Report_Unknown_Keys_With_A_Hint(string fragment, string expected)
        {
            // Given
            var yaml = ConfigText.With(fragment);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Should_Report_Every_Unknown_Key()
        {
            // Given
            var yaml = ConfigText.With("colour: blue\nsize: 3\n");

            // When
            var errors = ConfigText.ErrorsOf(yaml);

            // Then
            Assert.Equal(["fabulaws-config.yml:1:1: colour: unknown key", "fabulaws-config.yml:2:1: size: unknown key"], errors);
        }
    }
}
