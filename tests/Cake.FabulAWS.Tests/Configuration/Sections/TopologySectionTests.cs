namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class TopologySectionTests
{
    public sealed class TheReadMethod
    {
        [Theory]
        [InlineData("deployments", "fabulaws-config.yml:1:1: deployments: missing (list the deployments, e.g. [myproject])")]
        [InlineData("environments", "fabulaws-config.yml:1:1: environments: missing (list the environments, e.g. [staging, production])")]
        public void Should_Report_A_Missing_Name_List_Once(string key, string expected)
        {
            // Given
            var yaml = ConfigText.Without(key);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Theory]
        [InlineData("deployments: app\n", "fabulaws-config.yml:1:14: deployments: should be a list, not 'app'")]
        [InlineData("deployments: []\n", "fabulaws-config.yml:1:14: deployments: should list at least one deployment")]
        [InlineData("deployments:\n", "fabulaws-config.yml:1:13: deployments: should be a list, not empty")]
        [InlineData("environments:\n  staging: yes\n", "fabulaws-config.yml:2:3: environments: should be a list, not a mapping")]
        [InlineData("environments: []\n", "fabulaws-config.yml:1:15: environments: should list at least one environment")]
        [InlineData("deployments: [app, app]\n", "fabulaws-config.yml:1:20: deployments[1]: 'app' is listed twice")]
        [InlineData("deployments: [app, [x]]\n", "fabulaws-config.yml:1:20: deployments[1]: should be a string, not a list")]
        [InlineData("deployments: [app, '']\n", "fabulaws-config.yml:1:20: deployments[1]: has no value")]
        [InlineData("deployments: [[app]]\n", "fabulaws-config.yml:1:15: deployments[0]: should be a string, not a list")]
        [InlineData("environments: [staging, production, 'qa env']\n", "fabulaws-config.yml:1:37: environments[2]: 'qa env' should contain only letters, digits, '-', '_' and '.'")]
        public void Should_Report_A_Bad_Name_List(string fragment, string expected)
        {
            // Given
            var yaml = ConfigText.With(fragment);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Theory]
        [InlineData("default_deployment: ap\n", "fabulaws-config.yml:1:21: default_deployment: 'ap' is not in deployments (did you mean app?); deployments: app")]
        [InlineData("default_deployment: other\n", "fabulaws-config.yml:1:21: default_deployment: 'other' is not in deployments; deployments: app")]
        [InlineData("default_deployment: [app]\n", "fabulaws-config.yml:1:21: default_deployment: should be a string, not a list")]
        public void Should_Report_A_Default_Deployment_That_Is_Not_A_Deployment(string fragment, string expected)
        {
            // Given
            var yaml = ConfigText.With(fragment);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Theory]
        [InlineData("production_environments: [producton]\n", "fabulaws-config.yml:1:27: production_environments[0]: 'producton' is not in environments (did you mean production?); environments: staging, production")]
        [InlineData("production_environments: [production, live]\n", "fabulaws-config.yml:1:39: production_environments[1]: 'live' is not in environments; environments: staging, production")]
        [InlineData("production_environments: production\n", "fabulaws-config.yml:1:26: production_environments: should be a list, not 'production'")]
        public void Should_Report_Production_Environments_That_Are_Not_Environments(string fragment, string expected)
        {
            // Given
            var yaml = ConfigText.With(fragment);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Should_Not_Check_The_Maps_Against_A_Name_List_That_Failed()
        {
            // Given deployments that cannot be used, and maps that name deployments and environments
            var yaml = ConfigText.With("deployments: [app, 'my app']\nbranches:\n  app: main\n  staging: main\n");

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal("fabulaws-config.yml:1:20: deployments[1]: 'my app' should contain only letters, digits, '-', '_' and '.'", error);
        }

        [Fact]
        public void Should_Have_No_Production_Environment_By_Default_When_None_Is_Named_Production()
        {
            // Given
            var yaml = ConfigText.With("environments: [staging, live]\nbranches:\n  app: main\nauto_scaling_groups:\n  app: app-ag\nload_balancers:\n  app: [app-lb]\n");

            // When
            var config = ConfigText.Parse(yaml);

            // Then
            Assert.Empty(config.ProductionEnvironments);
        }
    }
}
