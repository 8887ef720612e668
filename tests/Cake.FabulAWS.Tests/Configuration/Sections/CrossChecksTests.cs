namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class CrossChecksTests
{
    public sealed class TheRunMethod
    {
        [Theory]
        [InlineData("branches:\n  app:\n    staging: main\n", "fabulaws-config.yml:3:5: branches/app/production: missing (every environment needs a branch)")]
        [InlineData("branches:\n  staging: main\n", "fabulaws-config.yml:2:3: branches/app/production: missing (every environment needs a branch)")]
        [InlineData("branches:\n  app:\n    staging: develop\n  production: main\n", "fabulaws-config.yml:3:5: branches/app/production: missing (every environment needs a branch)")]
        [InlineData("load_balancers:\n  app: [app_lb]\n", "fabulaws-config.yml:2:9: load_balancers/app[0]: 'app_lb' should be a classic load balancer name (1 to 32 letters, digits and hyphens)")]
        [InlineData("auto_scaling_groups:\n  app:\n    production: app-production-ag\n", "fabulaws-config.yml:3:5: auto_scaling_groups/app/staging: missing (every environment needs a group)")]
        [InlineData("load_balancers:\n  app:\n    staging: [app-lb]\n", "fabulaws-config.yml:3:5: load_balancers/app/production: missing (every environment needs load_balancers or target_groups)")]
        [InlineData("load_balancers:\n  app:\n    staging: [app-lb]\n    production: []\n", "fabulaws-config.yml:3:5: load_balancers/app/production: missing (every environment needs load_balancers or target_groups)")]
        [InlineData("instance_types:\n  staging:\n    web: t3.small\n  production:\n    worker: t3.small\n", "fabulaws-config.yml:5:5: instance_types/production/web: missing (the web role needs an instance type for the builder instance)")]
        [InlineData("branches:\n", "fabulaws-config.yml:1:10: branches: missing (every environment needs a branch)")]
        [InlineData("auto_scaling_groups: {}\n", "fabulaws-config.yml:1:22: auto_scaling_groups: missing (every environment needs a group)")]
        [InlineData("load_balancers:\n", "fabulaws-config.yml:1:16: load_balancers: missing (every environment needs load_balancers or target_groups)")]
        [InlineData("launch_type: launch_configuration\nlaunch_templates:\n  app: app-lt\n", "fabulaws-config.yml:3:3: launch_templates: only used with launch_type: launch_template; remove it or change launch_type")]
        public void Should_Report_A_Rule_Across_Sections(string fragment, string expected)
        {
            // Given
            var yaml = ConfigText.With(fragment);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Theory]
        [InlineData("branches", "fabulaws-config.yml:1:1: branches: missing (every environment needs a branch)")]
        [InlineData("auto_scaling_groups", "fabulaws-config.yml:1:1: auto_scaling_groups: missing (every environment needs a group)")]
        [InlineData("load_balancers", "fabulaws-config.yml:1:1: load_balancers: missing (every environment needs load_balancers or target_groups)")]
        [InlineData("instance_types", "fabulaws-config.yml:1:1: instance_types: missing (the web role needs an instance type for the builder instance)")]
        public void Should_Report_A_Missing_Map_Once(string key, string expected)
        {
            // Given
            var yaml = ConfigText.Without(key);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Should_Require_An_Instance_Type_For_The_Web_Role_In_Every_Environment()
        {
            // Given
            var yaml = ConfigText.With("web_role: frontend\n");

            // When
            var errors = ConfigText.ErrorsOf(yaml);

            // Then
            Assert.Equal(
                [
                    "fabulaws-config.yml:10:3: instance_types/staging/frontend: missing (the frontend role needs an instance type for the builder instance)",
                    "fabulaws-config.yml:10:3: instance_types/production/frontend: missing (the frontend role needs an instance type for the builder instance)",
                ],
                errors);
        }

        [Fact]
        public void Should_Accept_Target_Groups_Instead_Of_Load_Balancers()
        {
            // Given
            var yaml = ConfigText.With("target_groups:\n  app:\n    production: [app-production-tg]\nload_balancers:\n  app:\n    staging: [app-staging-lb]\n");

            // When
            var target = ConfigText.Parse(yaml).Resolve("production");

            // Then
            Assert.Equal((0, 1), (target.LoadBalancerNames.Count, target.TargetGroups.Count));
        }

        [Fact]
        public void Should_Not_Report_A_Missing_Value_Twice_When_The_Value_Is_Wrong()
        {
            // Given
            var yaml = ConfigText.With("branches:\n  app:\n    staging: main\n    production: [main]\n");

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal("fabulaws-config.yml:4:17: branches/app/production: should be a string, not a list", error);
        }
    }
}
