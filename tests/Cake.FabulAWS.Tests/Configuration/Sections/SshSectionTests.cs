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
        [InlineData("known_hosts:\n  file: x\n", "fabulaws-config.yml:2:3: known_hosts: should be a string, not a mapping")]
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
        public void Should_Report_A_Missing_Deploy_User()
        {
            // Given
            var yaml = ConfigText.Without("deploy_user");

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal("fabulaws-config.yml:1:1: deploy_user: missing (the user that owns the application on the instances)", error);
        }
    }
}
