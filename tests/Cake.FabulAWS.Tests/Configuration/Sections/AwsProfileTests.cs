namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class AwsProfileTests
{
    public sealed class TheResolveMethod
    {
        [Theory]
        [InlineData("", "staging", null)]
        [InlineData("aws_profile: myproject\n", "staging", "myproject")]
        [InlineData("aws_profile: myproject\n", "production", "myproject")]
        [InlineData("aws_profile:\n  production: myproject-prod\n", "production", "myproject-prod")]
        [InlineData("aws_profile:\n  production: myproject-prod\n", "staging", null)]
        public void Should_Give_Each_Environment_Its_Profile(string fragment, string environment, string? expected)
        {
            // When
            var target = ConfigText.Parse(ConfigText.With(fragment)).Resolve(environment);

            // Then
            Assert.Equal(expected, target.AwsProfile);
        }

        [Theory]
        [InlineData("aws_profile: my profile\n", "fabulaws-config.yml:1:14: aws_profile: 'my profile' should be a profile name of ~/.aws/config (letters, digits, '-', '_', '.', '@', '+')")]
        [InlineData("aws_profile:\n  prodution: x\n", "fabulaws-config.yml:2:3: aws_profile/prodution: unknown environment (did you mean production?); environments: staging, production")]
        [InlineData("aws_profile: [a]\n", "fabulaws-config.yml:1:14: aws_profile: should be a string, not a list")]
        public void Should_Report_The_Mistake(string fragment, string expected)
        {
            // When
            var error = ConfigText.ErrorOf(ConfigText.With(fragment));

            // Then
            Assert.Equal(expected, error);
        }
    }
}
