using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Tests.Configuration;

namespace Cake.FabulAWS.Tests.Examples;

/// <summary>The configuration README.md's "Your first deploy" gives is one the add-in loads.</summary>
public sealed partial class ReadmeTests
{
    public sealed class TheFirstDeploySection
    {
        [Fact]
        public void Should_Give_A_Minimal_Configuration_That_Loads_For_Every_Environment()
        {
            // Given
            var readme = RepositoryFiles.Read("README.md");
            var section = readme[readme.IndexOf("## Your first deploy\n", StringComparison.Ordinal)..];
            section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
            var yaml = YamlBlock().Match(section);

            // When
            var config = FabulAwsConfig.Parse(Regex.Replace(yaml.Groups[1].Value, "^   ", string.Empty, RegexOptions.Multiline), FabulAwsConfig.DefaultFileName);

            // Then
            Assert.True(yaml.Success);
            Assert.Empty(config.Warnings);
            Assert.Equal(["production"], config.ProductionEnvironments);
            Assert.All(config.Environments, environment => Assert.Equal($"myproject-{environment}-ag", config.Resolve(environment).AutoScalingGroupName));
        }
    }

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
