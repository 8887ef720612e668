using System.Text.Json;
using Cake.FabulAWS.Configuration;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Tests.Configuration;

public sealed class ExampleFilesTests
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    public sealed class TheExampleFile
    {
        [Fact]
        public void Should_Load_Without_Errors_Or_Warnings()
        {
            // Given
            var yaml = RepositoryFiles.Read("fabulaws-config.example.yml");

            // When
            var config = FabulAwsConfig.Parse(yaml, "fabulaws-config.example.yml");

            // Then
            Assert.Empty(config.Warnings);
            Assert.All(config.Environments, environment => config.Resolve(environment, null, NoVariables));
        }

        [Fact]
        public void Should_Give_The_Django_Commands_As_The_Example()
        {
            // Given
            var config = FabulAwsConfig.Parse(RepositoryFiles.Read("fabulaws-config.example.yml"), "fabulaws-config.example.yml");

            // When
            var target = config.Resolve("staging", null, NoVariables);

            // Then
            Assert.Contains("cd ~/www/staging/code_root && ~/www/staging/env/bin/python manage.py migrate --noinput", target.RenderDeployWorkerCommands("abc1234"));
            Assert.Contains("cd ~/code && ~/env/bin/python manage.py collectstatic --noinput", target.RenderProvisionCommands("abc1234"));
        }

        [Fact]
        public void Should_Explain_Every_Key_With_A_Comment_Above_It()
        {
            // Given
            var lines = RepositoryFiles.Read("fabulaws-config.example.yml").Split('\n');
            var documented = KnownKeys.Root.Concat(KnownKeys.InstanceSettings).Concat(KnownKeys.StaticHtml).Concat(KnownKeys.Timeouts).ToHashSet();

            // When
            var undocumented = lines
                .Select((line, index) => (key: line.Trim().Split(':')[0], index))
                .Where(item => documented.Contains(item.key) && !lines[item.index - 1].TrimStart().StartsWith('#'))
                .Select(item => item.key);

            // Then
            Assert.Empty(undocumented);
        }

        [Fact]
        public void Should_Report_A_Missing_Error_For_Every_Key_The_Schema_Requires()
        {
            // Given
            var required = Schema().GetProperty("required").EnumerateArray().Select(item => item.GetString()!).ToList();
            var example = RepositoryFiles.Read("fabulaws-config.example.yml");

            // When
            var firstErrors = required.ToDictionary(key => key, key => Assert.Throws<FabulAwsConfigurationException>(
                () => FabulAwsConfig.Parse(RemoveTopLevelKey(example, key), "example.yml")).Errors[0]);

            // Then
            Assert.All(firstErrors, pair => Assert.Equal((pair.Key, true), (pair.Value.Path, pair.Value.Message.StartsWith("missing (", StringComparison.Ordinal))));
        }

        private static string RemoveTopLevelKey(string yaml, string key)
        {
            var lines = yaml.Split('\n').ToList();
            var start = lines.FindIndex(line => line.StartsWith(key + ":", StringComparison.Ordinal));
            var end = lines.FindIndex(start + 1, line => line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith('#'));
            lines.RemoveRange(start, end - start);
            return string.Join('\n', lines);
        }
    }

    public sealed class TheRootFile
    {
        [Fact]
        public void Should_Describe_The_Demo_On_LocalAws()
        {
            // Given
            var config = FabulAwsConfig.Parse(RepositoryFiles.Read("fabulaws-config.yml"), "fabulaws-config.yml");

            // When
            var local = config.Resolve("local", null, NoVariables);

            // Then
            Assert.Empty(config.Warnings);
            Assert.Equal(["demo"], config.Deployments);
            Assert.Equal(["local", "testing", "staging", "production"], config.Environments);
            Assert.Equal(("demo", "main", "us-east-1"), (local.Deployment, local.Branch, local.Region));
            Assert.Equal(new Uri("http://127.0.0.1:4566"), local.EndpointUrl);
            Assert.Equal((LaunchType.LaunchTemplate, "demo-local-lt"), (local.LaunchType, local.LaunchTemplateName));
            Assert.Equal(("fabdeploy", "private_ip_address", 2222), (local.DeployUser, local.SshAddressAttribute, local.Ssh.Port));
            Assert.Equal("~/services/nginx/html", local.StaticHtml.RemoteRoot);
            Assert.Equal("demo-local-asg", local.AutoScalingGroupName);
            Assert.Equal(["demo-local-lb"], local.LoadBalancerNames);
            Assert.False(local.IsProduction);
        }

        [Fact]
        public void Should_Describe_A_Testing_Environment_CreateEnvironment_Builds_On_LocalAws()
        {
            // Given
            var config = FabulAwsConfig.Parse(RepositoryFiles.Read("fabulaws-config.yml"), "fabulaws-config.yml");

            // When
            var testing = config.Resolve("testing", null, NoVariables);

            // Then
            Assert.Equal(new Uri("http://127.0.0.1:4566"), testing.EndpointUrl);
            Assert.Equal(("demo-testing-asg", "demo-testing-lt", 2222, 8080), (testing.AutoScalingGroupName, testing.LaunchTemplateName, testing.Ssh.Port, testing.WebPort));
            Assert.Equal(["demo-testing-lb"], testing.LoadBalancerNames);
            Assert.Equal(["db-primary", "db-replica", "cache", "worker"], testing.Servers.Select(s => s.Role));
            Assert.All(testing.Servers, s => Assert.Equal(1, s.Count));
            Assert.All(testing.Servers, s => Assert.Single(testing.RenderRoleProvisionCommands(s.Role, "0123abc")));
            Assert.Equal((2, 4, 2), (testing.Group.MinSize, testing.Group.MaxSize, testing.Group.DesiredCapacity));
            Assert.Equal([("worker", 1)], config.Resolve("local", null, NoVariables).Servers.Select(s => (s.Role, s.Count))); // the demo's --demo-create-environment makes it
        }

        [Theory]
        [InlineData("staging", false)]
        [InlineData("production", true)]
        public void Should_Describe_Real_Aws_Environments_Without_An_Endpoint(string environment, bool isProduction)
        {
            // Given
            var config = FabulAwsConfig.Parse(RepositoryFiles.Read("fabulaws-config.yml"), "fabulaws-config.yml");

            // When
            var target = config.Resolve(environment, null, NoVariables);

            // Then
            Assert.Null(target.EndpointUrl);
            Assert.Equal(isProduction, target.IsProduction);
            Assert.Equal($"demo-{environment}-asg", target.AutoScalingGroupName);
            Assert.Equal("main", target.Branch);
            Assert.NotEmpty(target.LoadBalancerNames.Concat(target.TargetGroups));
            Assert.Equal(("fabdeploy", 22), (target.DeployUser, target.Ssh.Port));
        }
    }

    public sealed class TheSchemaFile
    {
        public static TheoryData<string> FixedSections => new() { string.Empty, "instance_settings", "static_html", "timeouts" };

        [Theory]
        [MemberData(nameof(FixedSections))]
        public void Should_Allow_Exactly_The_Keys_Of_The_Example(string section)
        {
            // Given
            var schema = SchemaObject(section);
            var example = ExampleMapping(section);

            // When
            var schemaKeys = schema.GetProperty("properties").EnumerateObject().Where(property => !IsDeprecated(property.Value)).Select(property => property.Name);
            var exampleKeys = example.Children.Keys.Select(key => ((YamlScalarNode)key).Value!);

            // Then
            Assert.Equal(exampleKeys.Order(), schemaKeys.Order());
            Assert.Equal(AllowedKeys(section).Order(), schemaKeys.Order());
            Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        }

        [Theory]
        [MemberData(nameof(FixedSections))]
        public void Should_Mark_The_Ignored_FabulAws_Keys_As_Deprecated(string section)
        {
            // Given
            var schema = SchemaObject(section);

            // When
            var deprecated = schema.GetProperty("properties").EnumerateObject().Where(property => IsDeprecated(property.Value)).Select(property => property.Name);

            // Then
            Assert.Equal(FabulAwsOnlyKeys(section).Order(), deprecated.Order());
        }

        [Fact]
        public void Should_Take_A_Plain_Value_Or_An_Environment_Map_For_Exactly_The_Per_Environment_Keys()
        {
            // Given
            var properties = Schema().GetProperty("properties").EnumerateObject().ToList();

            // When
            var twoForms = properties
                .Where(property => property.Value.TryGetProperty("oneOf", out var forms)
                    && forms.GetArrayLength() == 2
                    && forms[1].GetProperty("type").GetString() == "object"
                    && JsonElement.DeepEquals(forms[1].GetProperty("additionalProperties"), forms[0]))
                .Select(property => property.Name);

            // Then
            Assert.Equal(KnownKeys.PerEnvironment.Order(), twoForms.Order());
        }

        [Fact]
        public void Should_Be_A_Draft_2020_12_Schema_For_An_Object()
        {
            // Given
            var schema = Schema();

            // When
            var (dialect, type) = (schema.GetProperty("$schema").GetString(), schema.GetProperty("type").GetString());

            // Then
            Assert.Equal(("https://json-schema.org/draft/2020-12/schema", "object"), (dialect, type));
        }

        private static JsonElement SchemaObject(string section) =>
            section.Length == 0 ? Schema() : Schema().GetProperty("properties").GetProperty(section);

        private static YamlMappingNode ExampleMapping(string section)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(RepositoryFiles.Read("fabulaws-config.example.yml")));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            return section.Length == 0 ? root : (YamlMappingNode)root.Children[new YamlScalarNode(section)];
        }

        private static IEnumerable<string> AllowedKeys(string section) => section switch
        {
            "" => KnownKeys.Root,
            "instance_settings" => KnownKeys.InstanceSettings,
            "static_html" => KnownKeys.StaticHtml,
            _ => KnownKeys.Timeouts,
        };

        private static IEnumerable<string> FabulAwsOnlyKeys(string section) => section switch
        {
            "" => KnownKeys.FabulAwsOnlyRoot,
            "instance_settings" => KnownKeys.FabulAwsOnlyInstanceSettings,
            _ => [],
        };

        private static bool IsDeprecated(JsonElement property) =>
            property.TryGetProperty("deprecated", out var deprecated) && deprecated.GetBoolean();
    }

    private static JsonElement Schema() => JsonDocument.Parse(RepositoryFiles.Read("fabulaws-config.schema.json")).RootElement;
}
