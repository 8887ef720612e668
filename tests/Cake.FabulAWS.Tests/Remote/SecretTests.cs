using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class SecretTests
{
    public sealed class TheToStringMethod
    {
        [Fact]
        public void Should_Print_Redacted_However_It_Is_Formatted()
        {
            // Given
            var secret = new Secret("hunter2");

            // When
            var printed = new[] { secret.ToString(), $"{secret}", string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", secret), new RemoteSecret("db", secret).ToString() };

            // Then
            Assert.Equal(["[REDACTED]", "[REDACTED]", "[REDACTED]", "db=[REDACTED]"], printed);
        }
    }

    public sealed class TheRevealMethod
    {
        [Fact]
        public void Should_Give_The_Value()
        {
            // Given
            var secret = new Secret("hunter2");

            // When
            var value = secret.Reveal();

            // Then
            Assert.Equal("hunter2", value);
        }
    }
}
