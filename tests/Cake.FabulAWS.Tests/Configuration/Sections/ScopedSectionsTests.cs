namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class ScopedSectionsTests
{
    public sealed class TheReadMethod
    {
        [Theory]
        [InlineData("branches: main\n", "fabulaws-config.yml:1:11: branches: should be a mapping (key: value lines), not 'main'")]
        [InlineData("auto_scaling_groups:\n  app: [a, b]\n", "fabulaws-config.yml:2:8: auto_scaling_groups/app: should be a string, not a list")]
        [InlineData("auto_scaling_groups:\n  app:\n    staging: [a]\n    production: b\n", "fabulaws-config.yml:3:14: auto_scaling_groups/app/staging: should be a string, not a list")]
        [InlineData("load_balancers: app-lb\n", "fabulaws-config.yml:1:17: load_balancers: should be a mapping (key: value lines), not 'app-lb'")]
        [InlineData("load_balancers:\n  app: app-lb\n", "fabulaws-config.yml:2:8: load_balancers/app: should be a list, not 'app-lb'")]
        [InlineData("security_groups:\n  web: app-sg\n", "fabulaws-config.yml:2:8: security_groups/web: should be a list, not 'app-sg'")]
        [InlineData("instance_types:\n  web: [t3.small]\n", "fabulaws-config.yml:2:8: instance_types/web: should be a string, not a list")]
        public void Should_Report_Wrong_Types(string fragment, string expected)
        {
            // Given
            var yaml = ConfigText.With(fragment);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Theory]
        [InlineData("branches:\n  app: 'feature x'\n", "fabulaws-config.yml:2:8: branches/app: 'feature x' should be a git branch name (letters, digits and . _ - /)")]
        [InlineData("branches:\n  app: '; rm -rf ~'\n", "fabulaws-config.yml:2:8: branches/app: '; rm -rf ~' should be a git branch name (letters, digits and . _ - /)")]
        [InlineData("auto_scaling_groups:\n  app: 'arn:aws:autoscaling:x'\n", "fabulaws-config.yml:2:8: auto_scaling_groups/app: 'arn:aws:autoscaling:x' should be an Auto Scaling group name (no ':' and at most 255 characters)")]
        [InlineData("load_balancers:\n  app: [app_lb]\n", "fabulaws-config.yml:2:9: load_balancers/app[0]: 'app_lb' should be a classic load balancer name (1 to 32 letters, digits and hyphens)")]
        [InlineData("target_groups:\n  app: ['arn:aws:elasticloadbalancing:us-east-1:123:targetgroup/tg/abc']\n", "fabulaws-config.yml:2:9: target_groups/app[0]: 'arn:aws:elasticloadbalancing:us-east-1:123:targetgroup/tg/abc' should be a target group ARN or name (1 to 32 letters, digits and hyphens)")]
        [InlineData("launch_templates:\n  app: lt\n", "fabulaws-config.yml:2:8: launch_templates/app: 'lt' should be a launch template name (3 to 128 letters, digits and ( ) . / _ -)")]
        [InlineData("instance_types:\n  web: small\n", "fabulaws-config.yml:2:8: instance_types/web: 'small' should be an instance type such as t3.small")]
        [InlineData("security_groups:\n  web: [app-sg, app-sg]\n", "fabulaws-config.yml:2:17: security_groups/web[1]: 'app-sg' is listed twice")]
        public void Should_Report_Bad_Values(string fragment, string expected)
        {
            // Given
            var yaml = ConfigText.With(fragment);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Should_Report_A_Key_That_Is_Neither_A_Deployment_Nor_An_Environment()
        {
            // Given
            var yaml = ConfigText.With("branches:\n  ap:\n    staging: main\n    production: main\n");

            // When
            var errors = ConfigText.ErrorsOf(yaml);

            // Then
            Assert.Equal(
                [
                    "fabulaws-config.yml:2:3: branches/ap: unknown deployment or environment (did you mean app?); deployments: app; environments: staging, production",
                    "fabulaws-config.yml:2:3: branches/app/staging: missing (every environment needs a branch)",
                    "fabulaws-config.yml:2:3: branches/app/production: missing (every environment needs a branch)",
                ],
                errors);
        }

        [Fact]
        public void Should_Report_An_Unknown_Environment_Inside_A_Deployment()
        {
            // Given
            var yaml = ConfigText.With("auto_scaling_groups:\n  app:\n    staging: app-staging-ag\n    prodution: app-production-ag\n");

            // When
            var errors = ConfigText.ErrorsOf(yaml);

            // Then
            Assert.Equal(
                [
                    "fabulaws-config.yml:3:5: auto_scaling_groups/app/production: missing (every environment needs a group)",
                    "fabulaws-config.yml:4:5: auto_scaling_groups/app/prodution: unknown environment (did you mean production?); environments: staging, production",
                ],
                errors);
        }

        [Fact]
        public void Should_Report_An_Unknown_Environment_In_A_Role_Map()
        {
            // Given
            var yaml = ConfigText.With("instance_types:\n  web: t3.small\n  prodution:\n    web: c6i.large\n");

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal("fabulaws-config.yml:3:3: instance_types/prodution: unknown environment (did you mean production?); environments: staging, production", error);
        }

        [Fact]
        public void Should_Report_A_Key_That_Is_Not_A_Plain_Name()
        {
            // Given
            var yaml = ConfigText.With("branches:\n  [app]: main\n");

            // When
            var errors = ConfigText.ErrorsOf(yaml);

            // Then
            Assert.Contains("fabulaws-config.yml:2:3: branches: keys should be plain names, not a list", errors);
        }
    }
}
