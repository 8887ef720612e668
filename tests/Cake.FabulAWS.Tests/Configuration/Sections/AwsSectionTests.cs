namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class AwsSectionTests
{
    public sealed class TheReadMethod
    {
        [Theory]
        [InlineData("region: us-east\n", "fabulaws-config.yml:1:9: region: 'us-east' is not an AWS region name such as us-east-1")]
        [InlineData("region: US-EAST-1\n", "fabulaws-config.yml:1:9: region: 'US-EAST-1' is not an AWS region name such as us-east-1")]
        [InlineData("region: [us-east-1]\n", "fabulaws-config.yml:1:9: region: should be a string, not a list")]
        [InlineData("region:\n", "fabulaws-config.yml:1:8: region: has no value")]
        [InlineData("avail_zones: [us-east-1a]\n", "fabulaws-config.yml:1:15: avail_zones[0]: 'us-east-1a' should be a zone letter such as a (the region is put in front)")]
        [InlineData("avail_zones: a\n", "fabulaws-config.yml:1:14: avail_zones: should be a list, not 'a'")]
        [InlineData("subnets:\n  a: subnet-0a1b\n", "fabulaws-config.yml:2:3: subnets/a: zone 'a' is not in avail_zones; list the zone letters in avail_zones")]
        [InlineData("avail_zones: [a, c]\nsubnets:\n  b: subnet-0a1b\n", "fabulaws-config.yml:3:3: subnets/b: zone 'b' is not in avail_zones (a, c)")]
        [InlineData("avail_zones: [a]\nsubnets:\n  a: sn-123\n", "fabulaws-config.yml:3:6: subnets/a: 'sn-123' should be a subnet id such as subnet-0123abcd")]
        [InlineData("subnets: [subnet-0a1b]\n", "fabulaws-config.yml:1:10: subnets: should be a mapping (key: value lines), not a list")]
        [InlineData("endpoint_urls:\n  staging: localhost:4566\n", "fabulaws-config.yml:2:12: endpoint_urls/staging: 'localhost:4566' should be an http:// or https:// URL such as http://127.0.0.1:4566")]
        [InlineData("endpoint_urls:\n  staging: ftp://127.0.0.1\n", "fabulaws-config.yml:2:12: endpoint_urls/staging: 'ftp://127.0.0.1' should be an http:// or https:// URL such as http://127.0.0.1:4566")]
        [InlineData("endpoint_urls:\n  local: http://127.0.0.1:4566\n", "fabulaws-config.yml:2:3: endpoint_urls/local: unknown environment; environments: staging, production")]
        [InlineData("endpoint_urls:\n  stagin: http://127.0.0.1:4566\n", "fabulaws-config.yml:2:3: endpoint_urls/stagin: unknown environment (did you mean staging?); environments: staging, production")]
        [InlineData("endpoint_urls: http://127.0.0.1:4566\n", "fabulaws-config.yml:1:16: endpoint_urls: should be a mapping (key: value lines), not 'http://127.0.0.1:4566'")]
        [InlineData("launch_type: launch_templates\n", "fabulaws-config.yml:1:14: launch_type: should be launch_template or launch_configuration, not 'launch_templates' (did you mean launch_template?)")]
        [InlineData("launch_type: ec2\n", "fabulaws-config.yml:1:14: launch_type: should be launch_template or launch_configuration, not 'ec2'")]
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
        public void Should_Report_A_Missing_Region()
        {
            // Given
            var yaml = ConfigText.Without("region");

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal("fabulaws-config.yml:1:1: region: missing (the AWS region, e.g. us-east-1)", error);
        }
    }
}
