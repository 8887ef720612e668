using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration;

public sealed class FabulAwsConfigTests
{
    public sealed class TheParseMethod
    {
        [Fact]
        public void Should_Load_The_Minimal_Configuration()
        {
            // Given
            var yaml = ConfigText.Minimal;

            // When
            var config = ConfigText.Parse(yaml);

            // Then
            Assert.Equal(["app"], config.Deployments);
            Assert.Equal(["staging", "production"], config.Environments);
            Assert.Equal(["production"], config.ProductionEnvironments);
            Assert.Null(config.DefaultDeployment);
            Assert.Empty(config.Warnings);
            Assert.Equal("fabulaws-config.yml", config.File);
        }

        [Fact]
        public void Should_Report_Three_Mistakes_At_Once_With_Their_Lines_And_Columns()
        {
            // Given
            var yaml = """
                deployments: [myproject]
                default_deployment: myprojct
                environments: [staging, production]
                branches:
                  myproject:
                    staging: main
                    production: main
                region: us-east-1
                instance_types:
                  web: t3.small
                auto_scaling_groups:
                  myproject:
                    staging: myproject-staging-ag
                load_balancers:
                  myproject:
                    staging: [myproject-staging-lb]
                    production: myproject-production-lb
                instance_settings:
                  ami: ami-0123456789abcdef0
                deploy_user: myproject
                static_html:
                  upgrade_message: html/upgrade.html
                  healthcheck_override: html/healthcheck.html
                """;

            // When
            var exception = Assert.Throws<FabulAwsConfigurationException>(() => ConfigText.Parse(yaml));

            // Then
            Assert.Equal(
                [
                    "fabulaws-config.yml:2:21: default_deployment: 'myprojct' is not in deployments (did you mean myproject?); deployments: myproject",
                    "fabulaws-config.yml:13:5: auto_scaling_groups/myproject/production: missing (every environment needs a group)",
                    "fabulaws-config.yml:17:17: load_balancers/myproject/production: should be a list, not 'myproject-production-lb'",
                ],
                exception.Errors.Select(error => error.ToString()));
            Assert.Equal(
                string.Join(
                    Environment.NewLine,
                    "fabulaws-config.yml has 3 errors:",
                    "  fabulaws-config.yml:2:21: default_deployment: 'myprojct' is not in deployments (did you mean myproject?); deployments: myproject",
                    "  fabulaws-config.yml:13:5: auto_scaling_groups/myproject/production: missing (every environment needs a group)",
                    "  fabulaws-config.yml:17:17: load_balancers/myproject/production: should be a list, not 'myproject-production-lb'",
                    "Fix them and run again; fabulaws-config.example.yml documents every key."),
                exception.Message);
        }

        [Fact]
        public void Should_Expose_Each_Error_Field()
        {
            // Given
            var yaml = ConfigText.With("region: us-east\n");

            // When
            var exception = Assert.Throws<FabulAwsConfigurationException>(() => ConfigText.Parse(yaml));

            // Then
            var error = Assert.Single(exception.Errors);
            Assert.Equal(new ConfigurationError("fabulaws-config.yml", 1, 9, "region", "'us-east' is not an AWS region name such as us-east-1"), error);
        }

        [Theory]
        [InlineData("deployments: [app\n", "fabulaws-config.yml:2:1: YAML syntax error: While parsing a flow sequence, did not find expected ',' or ']'.")]
        [InlineData("deployments:\n  - app\n environments: [a]\n", "fabulaws-config.yml:3:2: YAML syntax error: While parsing a block mapping, did not find expected key.")]
        [InlineData("deploy_user: app\nregion: \"us-east-1", "fabulaws-config.yml:2:9: YAML syntax error: While scanning a quoted scalar, found unexpected end of stream.")]
        [InlineData("region: us-east-1\nregion: us-west-2\n", "fabulaws-config.yml:2:1: YAML syntax error: the key 'region' appears twice in the same mapping")]
        [InlineData("deployments: [app]\ndefault_deployment: *main\n", "fabulaws-config.yml:1:1: YAML syntax error: The anchor 'main' does not exists")]
        public void Should_Report_A_Yaml_Syntax_Error_With_Its_Position(string yaml, string expected)
        {
            // Given the broken text

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Theory]
        [InlineData("", "fabulaws-config.yml:1:1: the file is empty; start from fabulaws-config.example.yml")]
        [InlineData("# only a comment\n", "fabulaws-config.yml:1:1: the file is empty; start from fabulaws-config.example.yml")]
        [InlineData("- deployments\n", "fabulaws-config.yml:1:1: the file should be a mapping of keys such as deployments: and environments:, not a list")]
        [InlineData("deployments\n", "fabulaws-config.yml:1:1: the file should be a mapping of keys such as deployments: and environments:, not 'deployments'")]
        [InlineData("region: us-east-1\n---\nregion: us-west-2\n", "fabulaws-config.yml:3:1: only one YAML document is expected (remove the second '---')")]
        public void Should_Report_A_File_That_Is_Not_One_Mapping(string yaml, string expected)
        {
            // Given the text

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Should_Report_Every_Error_Of_A_File_In_File_Order()
        {
            // Given a file where errors are found in another order than they appear
            var yaml = ConfigText.With("static_root: www\nregion: moon\ncolour: blue\n", "deploy_user");

            // When
            var errors = ConfigText.ErrorsOf(yaml);

            // Then
            Assert.Equal(
                [
                    "fabulaws-config.yml:1:1: deploy_user: missing (the user that owns the application on the instances)",
                    "fabulaws-config.yml:1:14: static_root: 'www' should be an absolute path or start with ~/",
                    "fabulaws-config.yml:2:9: region: 'moon' is not an AWS region name such as us-east-1",
                    "fabulaws-config.yml:3:1: colour: unknown key",
                ],
                errors);
        }
    }

    public sealed class TheWarningsProperty
    {
        [Fact]
        public void Should_List_FabulAws_Keys_That_Are_Ignored()
        {
            // Given
            var yaml = ConfigText.With("project: myproject\npython: /usr/bin/python2.7\ninstance_settings:\n  ami: ami-0123456789abcdef0\n  fs_encrypt: false\n");

            // When
            var config = ConfigText.Parse(yaml);

            // Then
            Assert.Equal(
                [
                    "fabulaws-config.yml:1:1: project: FabulAWS setting that Cake.FabulAWS does not use; ignored",
                    "fabulaws-config.yml:2:1: python: FabulAWS setting that Cake.FabulAWS does not use; ignored",
                    "fabulaws-config.yml:5:3: instance_settings/fs_encrypt: FabulAWS setting that Cake.FabulAWS does not use; ignored",
                ],
                config.Warnings.Select(warning => warning.ToString()));
        }

        [Fact]
        public void Should_Load_A_FabulAws_File_With_Its_Django_Settings()
        {
            // Given the shape of FabulAWS's sample file, trimmed
            var yaml = """
                instance_settings:
                  ami: ami-b2e3c6d8
                  key_prefix: 'myproject-'
                  admin_groups: [admin, sudo]
                  run_upgrade: true
                  secure_root:
                  fs_type: ext4
                deploy_user: myproject
                webserver_user: myproject-web
                home: /home/myproject/
                python: /usr/bin/python2.7
                disable_known_hosts: true
                ssh_keys: deployment/users/
                password_names: [database_password, broker_password, secret_key]
                project: myproject
                wsgi_app: myproject.wsgi:application
                requirements_file: requirements/app.txt
                requirements_sdists:
                static_html:
                  upgrade_message: deployment/templates/html/503.html
                  healthcheck_override: deployment/templates/html/healthcheck.html
                vcs_cmd: git
                repo: git@github.com:username/myproject.git
                branches:
                  myproject:
                    production: master
                    staging: master
                    testing: master
                pgbouncer_port: 5432
                server_ports:
                  staging: 8000
                  production: 8001
                default_deployment: myproject
                deployments:
                - myproject
                environments:
                - staging
                - production
                - testing
                production_environments:
                - production
                valid_roles: [cache, db-master, db-slave, web, worker]
                region: us-east-1
                avail_zones:
                - e
                - c
                security_groups:
                  web: [myproject-sg, myproject-web-sg]
                  worker: [myproject-sg, myproject-worker-sg]
                instance_types:
                  production:
                    web: c3.large
                    worker: m3.large
                  staging:
                    web: m1.small
                    worker: m3.large
                  testing:
                    web: m1.small
                    worker: m1.small
                load_balancers:
                  myproject:
                    production:
                    - myproject-production-lb
                    staging:
                    - myproject-staging-lb
                    testing:
                    - myproject-testing-lb
                auto_scaling_groups:
                  myproject:
                    production: myproject-production-ag
                    staging: myproject-staging-ag
                    testing: myproject-testing-ag
                volume_types:
                  web: gp2
                """;

            // When
            var config = ConfigText.Parse(yaml);

            // Then
            Assert.Equal(["staging", "production", "testing"], config.Environments);
            Assert.Equal(
                ["instance_settings/admin_groups", "instance_settings/run_upgrade", "instance_settings/secure_root", "instance_settings/fs_type",
                 "webserver_user", "home", "python", "disable_known_hosts", "ssh_keys", "project", "wsgi_app", "requirements_file",
                 "requirements_sdists", "vcs_cmd", "repo", "pgbouncer_port", "server_ports", "valid_roles", "volume_types"],
                config.Warnings.Select(warning => warning.Path));
        }
    }

    public sealed class TheLoadMethod : IDisposable
    {
        private readonly string directory = Directory.CreateTempSubdirectory("fabulaws-config-").FullName;

        public void Dispose() => Directory.Delete(directory, recursive: true);

        [Fact]
        public void Should_Report_A_Missing_File_And_How_To_Start_One()
        {
            // Given
            var path = Path.Combine(directory, "fabulaws-config.yml");

            // When
            var exception = Assert.Throws<FabulAwsConfigurationException>(() => FabulAwsConfig.Load(path));

            // Then
            Assert.Equal($"{path}: file not found ({path})", Assert.Single(exception.Errors).ToString());
            Assert.EndsWith("Create it from fabulaws-config.example.yml, or pass the path of your configuration file.", exception.Message);
        }

        [Fact]
        public void Should_Resolve_Local_Paths_Against_The_Folder_Of_The_File()
        {
            // Given
            var path = WriteConfig(ConfigText.With("ssh_key: keys/deploy\nknown_hosts: known_hosts\n"));
            WriteFile("html/upgrade.html");
            WriteFile("html/healthcheck.html");

            // When
            var target = FabulAwsConfig.Load(path).Resolve("staging", null, _ => null);

            // Then
            Assert.Equal(Path.Combine(directory, "html", "upgrade.html"), target.StaticHtml.UpgradeMessage);
            Assert.Equal(Path.Combine(directory, "html", "healthcheck.html"), target.StaticHtml.HealthcheckOverride);
            Assert.Equal(Path.Combine(directory, "keys", "deploy"), target.Ssh.KeyPath);
            Assert.Equal(Path.Combine(directory, "known_hosts"), target.Ssh.KnownHostsPath);
            Assert.Equal(path, target.ConfigFile);
        }

        [Fact]
        public void Should_Report_Static_Html_Files_That_Do_Not_Exist()
        {
            // Given
            var path = WriteConfig(ConfigText.With("static_html:\n  upgrade_message: html/upgrade.html\n  healthcheck_override: html/healthcheck.html\n"));
            WriteFile("html/upgrade.html");

            // When
            var exception = Assert.Throws<FabulAwsConfigurationException>(() => FabulAwsConfig.Load(path));

            // Then
            var expected = $"{path}:3:25: static_html/healthcheck_override: file not found: {Path.Combine(directory, "html", "healthcheck.html")}";
            Assert.Equal(expected, Assert.Single(exception.Errors).ToString());
        }

        private string WriteConfig(string yaml)
        {
            var path = Path.Combine(directory, "fabulaws-config.yml");
            File.WriteAllText(path, yaml);
            return path;
        }

        private void WriteFile(string relativePath)
        {
            var path = Path.Combine(directory, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "<p>OK</p>");
        }
    }
}
