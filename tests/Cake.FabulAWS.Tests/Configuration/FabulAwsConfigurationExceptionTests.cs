using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration;

public sealed class FabulAwsConfigurationExceptionTests
{
    public sealed class TheConstructor
    {
        [Fact]
        public void Should_Say_One_Error_In_The_Singular()
        {
            // Given
            var error = new ConfigurationError("f.yml", 3, 1, "region", "missing");

            // When
            var exception = new FabulAwsConfigurationException([error]);

            // Then
            Assert.Equal(
                string.Join(Environment.NewLine, "f.yml has 1 error:", "  f.yml:3:1: region: missing", "Fix them and run again; fabulaws-config.example.yml documents every key."),
                exception.Message);
            Assert.Same(error, Assert.Single(exception.Errors));
        }

        [Fact]
        public void Should_End_With_The_Hint_When_One_Is_Given()
        {
            // Given
            var error = new ConfigurationError("f.yml", 0, 0, string.Empty, "file not found");

            // When
            var exception = new FabulAwsConfigurationException([error], "Create it.");

            // Then
            Assert.Equal(string.Join(Environment.NewLine, "f.yml has 1 error:", "  f.yml: file not found", "Create it."), exception.Message);
        }

        [Fact]
        public void Should_Refuse_An_Empty_List()
        {
            // Given
            ConfigurationError[] errors = [];

            // When
            var exception = Record.Exception(() => new FabulAwsConfigurationException(errors));

            // Then
            Assert.IsType<ArgumentException>(exception);
        }
    }
}
