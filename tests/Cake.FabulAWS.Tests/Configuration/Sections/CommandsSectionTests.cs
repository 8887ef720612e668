namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class CommandsSectionTests
{
    public sealed class TheReadMethod
    {
        [Theory]
        [InlineData("provision_commands: make\n", "fabulaws-config.yml:1:21: provision_commands: should be a list, not 'make'")]
        [InlineData("provision_commands:\n  - [make, all]\n", "fabulaws-config.yml:2:5: provision_commands[0]: should be a string, not a list")]
        [InlineData("deploy_worker_commands:\n  - ''\n", "fabulaws-config.yml:2:5: deploy_worker_commands[0]: has no value")]
        [InlineData("provision_commands:\n  - echo {{comit}}\n", "fabulaws-config.yml:2:5: provision_commands[0]: unknown placeholder {{comit}} (did you mean {{commit}}?); placeholders: {{deployment}}, {{environment}}, {{branch}}, {{commit}}, {{deploy_user}}, {{static_root}}, {{code_root}}")]
        [InlineData("deploy_worker_commands:\n  - make\n  - echo {{ version }}\n", "fabulaws-config.yml:3:5: deploy_worker_commands[1]: unknown placeholder {{version}}; placeholders: {{deployment}}, {{environment}}, {{branch}}, {{commit}}, {{deploy_user}}, {{static_root}}, {{code_root}}")]
        [InlineData("web_role: web role\n", "fabulaws-config.yml:1:11: web_role: 'web role' should contain only letters, digits, '-', '_' and '.'")]
        [InlineData("worker_role: [worker]\n", "fabulaws-config.yml:1:14: worker_role: should be a string, not a list")]
        [InlineData("password_names: secret_key\n", "fabulaws-config.yml:1:17: password_names: should be a list, not 'secret_key'")]
        [InlineData("password_names: [db-password]\n", "fabulaws-config.yml:1:18: password_names[0]: 'db-password' should contain only letters, digits and '_' (it becomes a file name on the instances)")]
        [InlineData("password_names: [secret_key, secret_key]\n", "fabulaws-config.yml:1:30: password_names[1]: 'secret_key' is listed twice")]
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
        public void Should_Render_The_Commands_With_The_Values_Of_The_Target()
        {
            // Given
            var yaml = ConfigText.With("""
                static_root: ~/www
                provision_commands:
                  - git -C ~/app reset --hard {{commit}}
                  - mkdir -p {{ static_root }}
                deploy_worker_commands:
                  - echo {{deployment}}/{{environment}} {{branch}} as {{deploy_user}} ${HOME} {}
                """);
            var target = ConfigText.Parse(yaml).Resolve("staging");

            // When
            var provision = target.RenderProvisionCommands("0123abc");
            var worker = target.RenderDeployWorkerCommands("0123abc");

            // Then
            Assert.Equal(["git -C ~/app reset --hard 0123abc", "mkdir -p ~/www"], provision);
            Assert.Equal(["echo app/staging main as app ${HOME} {}"], worker);
        }
    }
}
