using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class SshSectionTests
{
    public sealed class TheReadMethod
    {
        [Theory]
        [InlineData("deploy_user: Deploy User\n", "fabulaws-config.yml:1:14: deploy_user: 'Deploy User' is not a valid Linux user name (lower case letters, digits, '_' and '-')")]
        [InlineData("deploy_user:\n", "fabulaws-config.yml:1:13: deploy_user: has no value")]
        [InlineData("ec2_attr_for_ssh: public_dnsname\n", "fabulaws-config.yml:1:19: ec2_attr_for_ssh: should be one of private_ip_address, ip_address, public_dns_name, private_dns_name, not 'public_dnsname' (did you mean public_dns_name?)")]
        [InlineData("ec2_attr_for_ssh: hostname\n", "fabulaws-config.yml:1:19: ec2_attr_for_ssh: should be one of private_ip_address, ip_address, public_dns_name, private_dns_name, not 'hostname'")]
        [InlineData("ssh_port: twenty-two\n", "fabulaws-config.yml:1:11: ssh_port: should be a whole number, not 'twenty-two'")]
        [InlineData("ssh_port: 70000\n", "fabulaws-config.yml:1:11: ssh_port: should be between 1 and 65535, not 70000")]
        [InlineData("ssh_port: 99999999999\n", "fabulaws-config.yml:1:11: ssh_port: should be between 1 and 65535, not 99999999999")]
        [InlineData("ssh_port: 22.5\n", "fabulaws-config.yml:1:11: ssh_port: should be a whole number, not '22.5'")]
        [InlineData("ssh_port: [22]\n", "fabulaws-config.yml:1:11: ssh_port: should be a whole number, not a list")]
        [InlineData("connect_timeout: 0\n", "fabulaws-config.yml:1:18: connect_timeout: should be between 1 and 3600, not 0")]
        [InlineData("command_timeout: -5\n", "fabulaws-config.yml:1:18: command_timeout: should be between 1 and 86400, not -5")]
        [InlineData("ssh_key: [a, b]\n", "fabulaws-config.yml:1:10: ssh_key: should be a string, not a list")]
        [InlineData("known_hosts: [a]\n", "fabulaws-config.yml:1:14: known_hosts: should be a string, not a list")]
        public void Should_Report_The_Mistake(string fragment, string expected)
        {
            // Given
            var yaml = ConfigText.With(fragment);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Theory]
        [InlineData("ssh_port:\n  staging: 70000\n", "fabulaws-config.yml:2:12: ssh_port/staging: should be between 1 and 65535, not 70000")]
        [InlineData("ssh_port:\n  staging: 0\n", "fabulaws-config.yml:2:12: ssh_port/staging: should be between 1 and 65535, not 0")]
        [InlineData("ssh_port:\n  production: [22]\n", "fabulaws-config.yml:2:15: ssh_port/production: should be a whole number, not a list")]
        [InlineData("ssh_port:\n  staging: two\n", "fabulaws-config.yml:2:12: ssh_port/staging: should be a whole number, not 'two'")]
        [InlineData("ssh_port:\n  staging:\n    port: 22\n", "fabulaws-config.yml:3:5: ssh_port/staging: should be a whole number, not a mapping")]
        [InlineData("ssh_port: {stagin: 2222}\n", "fabulaws-config.yml:1:12: ssh_port/stagin: unknown environment (did you mean staging?); environments: staging, production")]
        [InlineData("ssh_port:\n  local: 2222\n", "fabulaws-config.yml:2:3: ssh_port/local: unknown environment; environments: staging, production")]
        [InlineData("ec2_attr_for_ssh:\n  production: hostname\n", "fabulaws-config.yml:2:15: ec2_attr_for_ssh/production: should be one of private_ip_address, ip_address, public_dns_name, private_dns_name, not 'hostname'")]
        [InlineData("ec2_attr_for_ssh: {prodution: ip_address}\n", "fabulaws-config.yml:1:20: ec2_attr_for_ssh/prodution: unknown environment (did you mean production?); environments: staging, production")]
        [InlineData("ssh_key:\n  staging: [a]\n", "fabulaws-config.yml:2:12: ssh_key/staging: should be a string, not a list")]
        [InlineData("ssh_key:\n  staging:\n", "fabulaws-config.yml:2:11: ssh_key/staging: has no value")]
        [InlineData("known_hosts:\n  file: x\n", "fabulaws-config.yml:2:3: known_hosts/file: unknown environment; environments: staging, production")]
        [InlineData("deploy_user:\n  staging: app\n  production: Deploy\n", "fabulaws-config.yml:3:15: deploy_user/production: 'Deploy' is not a valid Linux user name (lower case letters, digits, '_' and '-')")]
        [InlineData("deploy_user:\n  staging: app\n", "fabulaws-config.yml:2:3: deploy_user/production: missing (every environment needs a deploy_user)")]
        [InlineData("deploy_user: {staging: app, production: app, stagging: app}\n", "fabulaws-config.yml:1:46: deploy_user/stagging: unknown environment (did you mean staging?); environments: staging, production")]
        public void Should_Report_The_Mistake_In_An_Environment_Map(string fragment, string expected)
        {
            // Given
            var yaml = ConfigText.With(fragment);

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Should_Report_Every_Environment_A_Deploy_User_Map_Leaves_Out()
        {
            // Given
            var yaml = ConfigText.With("deploy_user: {}\n");

            // When
            var errors = ConfigText.ErrorsOf(yaml);

            // Then
            Assert.Equal(
                [
                    "fabulaws-config.yml:1:14: deploy_user/staging: missing (every environment needs a deploy_user)",
                    "fabulaws-config.yml:1:14: deploy_user/production: missing (every environment needs a deploy_user)",
                ],
                errors);
        }

        [Fact]
        public void Should_Report_A_Missing_Environment_Along_With_A_Wrong_Entry()
        {
            // Given
            var yaml = ConfigText.With("deploy_user:\n  staging: Deploy User\n  local: app\n");

            // When
            var errors = ConfigText.ErrorsOf(yaml);

            // Then
            Assert.Equal(
                [
                    "fabulaws-config.yml:2:3: deploy_user/production: missing (every environment needs a deploy_user)",
                    "fabulaws-config.yml:2:12: deploy_user/staging: 'Deploy User' is not a valid Linux user name (lower case letters, digits, '_' and '-')",
                    "fabulaws-config.yml:3:3: deploy_user/local: unknown environment; environments: staging, production",
                ],
                errors);
        }

        [Theory]
        [MemberData(nameof(PerEnvironmentKeys))]
        public void Should_Read_An_Environment_Map_For_Each_Per_Environment_Key(string key)
        {
            // Given
            var yaml = ConfigText.With($"{key}:\n  staging: x\n  qa: x\n");

            // When
            var errors = ConfigText.ErrorsOf(yaml);

            // Then
            Assert.Contains($"fabulaws-config.yml:3:3: {key}/qa: unknown environment; environments: staging, production", errors);
        }

        [Fact]
        public void Should_Report_A_Missing_Deploy_User()
        {
            // Given
            var yaml = ConfigText.Without("deploy_user");

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal("fabulaws-config.yml:1:1: deploy_user: missing (the user that owns the application on the instances)", error);
        }

        public static TheoryData<string> PerEnvironmentKeys() => new(KnownKeys.PerEnvironment);
    }
}
