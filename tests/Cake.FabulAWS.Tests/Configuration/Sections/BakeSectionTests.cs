using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class BakeSectionTests
{
    public sealed class TheReadMethod
    {
        [Fact]
        public void Should_Default_To_An_Archive_In_App_With_Secrets_And_Five_Releases()
        {
            // When
            var bake = ConfigText.Parse(ConfigText.Minimal).Resolve("staging").Bake;

            // Then
            Assert.Equal(new BakeSettings { CodeRoot = "~/app", CodeSource = CodeSource.Archive, BakeSecrets = true, KeepReleases = 5 }, bake);
        }

        [Fact]
        public void Should_Read_Every_Key()
        {
            // When
            var bake = ConfigText.Parse(ConfigText.With("code_root: /srv/code\ncode_source: clone\nbake_secrets: false\nkeep_releases: 2\n")).Resolve("staging").Bake;

            // Then
            Assert.Equal(new BakeSettings { CodeRoot = "/srv/code", CodeSource = CodeSource.Clone, BakeSecrets = false, KeepReleases = 2 }, bake);
        }

        [Theory]
        [InlineData("code_root: code\n", "fabulaws-config.yml:1:12: code_root: 'code' should be an absolute path or start with ~/")]
        [InlineData("code_root: ~/../etc\n", "fabulaws-config.yml:1:12: code_root: '~/../etc' should contain only letters, digits and . _ - / ~ (it is put into remote commands)")]
        [InlineData("code_source: git\n", "fabulaws-config.yml:1:14: code_source: should be archive or clone, not 'git'")]
        [InlineData("code_source: clon\n", "fabulaws-config.yml:1:14: code_source: should be archive or clone, not 'clon' (did you mean clone?)")]
        [InlineData("bake_secrets: maybe\n", "fabulaws-config.yml:1:15: bake_secrets: should be true or false, not 'maybe'")]
        [InlineData("keep_releases: 0\n", "fabulaws-config.yml:1:16: keep_releases: should be between 1 and 100, not 0")]
        public void Should_Report_The_Mistake(string fragment, string expected)
        {
            // When
            var error = ConfigText.ErrorOf(ConfigText.With(fragment));

            // Then
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Should_Offer_The_Code_Root_To_Commands()
        {
            // When
            var commands = ConfigText.Parse(ConfigText.With("code_root: ~/code\nprovision_commands: ['make -C {{code_root}}']\n")).Resolve("staging").RenderProvisionCommands("0123abcd");

            // Then
            Assert.Equal(["make -C ~/code"], commands);
        }
    }
}
