namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class InstanceSettingsSectionTests
{
    public sealed class TheReadMethod
    {
        [Theory]
        [InlineData("instance_settings:\n  ami: ubuntu-22.04\n", "fabulaws-config.yml:2:8: instance_settings/ami: 'ubuntu-22.04' should be an AMI id such as ami-0123456789abcdef0")]
        [InlineData("instance_settings:\n  key_prefix: app-\n", "fabulaws-config.yml:2:3: instance_settings/ami: missing (the base AMI the builder instance starts from)")]
        [InlineData("instance_settings: ami-0123456789abcdef0\n", "fabulaws-config.yml:1:20: instance_settings: should be a mapping (key: value lines), not 'ami-0123456789abcdef0'")]
        [InlineData("instance_settings:\n  ami: ami-0123456789abcdef0\n  key_prefx: app-\n", "fabulaws-config.yml:3:3: instance_settings/key_prefx: unknown key (did you mean key_prefix?)")]
        [InlineData("instance_settings:\n  ami: ami-0123456789abcdef0\n  key_name: [a]\n", "fabulaws-config.yml:3:13: instance_settings/key_name: should be a string, not a list")]
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
        public void Should_Report_Missing_Instance_Settings()
        {
            // Given
            var yaml = ConfigText.Without("instance_settings");

            // When
            var error = ConfigText.ErrorOf(yaml);

            // Then
            Assert.Equal("fabulaws-config.yml:1:1: instance_settings: missing (at least ami: the base AMI of the builder instance)", error);
        }

        [Fact]
        public void Should_Read_The_Key_Settings()
        {
            // Given
            var yaml = ConfigText.With("instance_settings:\n  ami: ami-0123456789abcdef0\n  key_prefix: app-\n  key_name: app-deploy\n");

            // When
            var target = ConfigText.Parse(yaml).Resolve("staging");

            // Then
            Assert.Equal(new Cake.FabulAWS.Configuration.InstanceSettings("ami-0123456789abcdef0", "app-", "app-deploy"), target.Instance);
        }
    }
}
