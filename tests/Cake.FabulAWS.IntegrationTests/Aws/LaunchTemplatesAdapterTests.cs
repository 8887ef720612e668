using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>ILaunchTemplates against LocalAws (template <c>web</c> version 1 exists).</summary>
public sealed class LaunchTemplatesAdapterTests
{
    public sealed class TheCreateTemplateMethod : LocalAwsTest
    {
        [Fact]
        public async Task Should_Return_Version_One_As_Default()
        {
            // When
            var created = await Ports.LaunchTemplates.CreateTemplateAsync("app", new LaunchTemplateChange(Server.BaseImageId) { InstanceType = "t3.small", Description = "first" });
            var found = await Ports.LaunchTemplates.FindVersionAsync("app", "1");

            // Then
            Assert.Equal(("app", 1L, true), (created.TemplateName, created.Version, created.IsDefault));
            Assert.StartsWith("lt-", created.TemplateId);
            Assert.Equal(created, found);
        }

        [Fact]
        public async Task Should_Send_Security_Group_Ids_And_Names_Apart()
        {
            // When
            await Ports.LaunchTemplates.CreateTemplateAsync("base", new LaunchTemplateChange(Server.BaseImageId) { InstanceType = "t3.micro", KeyName = "deploy", SecurityGroupIds = ["sg-0web", "demo-web-sg"] });
            var fields = Server.Inspect(s => s.LaunchTemplates.Values.Single(t => t.Name == "base").Versions[0].Data.Fields);

            // Then
            Assert.Equal("sg-0web", fields["SecurityGroupId.1"]);
            Assert.Equal("demo-web-sg", fields["SecurityGroup.1"]);
            Assert.Equal("deploy", fields["KeyName"]);
        }
    }

    public sealed class TheCreateVersionFindVersionAndSetDefaultVersionMethods : LocalAwsTest
    {
        [Fact]
        public async Task Should_Resolve_Latest_Default_And_Numbers_Through_A_Default_Change()
        {
            // Given
            var v2 = await Ports.LaunchTemplates.CreateVersionAsync("web", "$Latest", new LaunchTemplateChange(Server.BaseImageId) { Description = "v2" });

            // When
            var latest = await Ports.LaunchTemplates.FindVersionAsync("web", "$Latest");
            var defaultBefore = await Ports.LaunchTemplates.FindVersionAsync("web", "$Default");
            await Ports.LaunchTemplates.SetDefaultVersionAsync("web", v2.Version);
            var defaultAfter = await Ports.LaunchTemplates.FindVersionAsync("web", "$Default");
            var one = await Ports.LaunchTemplates.FindVersionAsync("web", "1");

            // Then
            Assert.Equal((2L, false, "v2", "t3.micro"), (v2.Version, v2.IsDefault, v2.Description, v2.InstanceType)); // copied from version 1
            Assert.Equal(2L, latest!.Version);
            Assert.Equal((1L, true), (defaultBefore!.Version, defaultBefore.IsDefault));
            Assert.Equal((2L, true), (defaultAfter!.Version, defaultAfter.IsDefault));
            Assert.Equal((1L, false), (one!.Version, one.IsDefault));
        }

        [Fact]
        public async Task Should_Find_Nothing_For_A_Missing_Template_Or_Version()
        {
            // When
            var template = await Ports.LaunchTemplates.FindVersionAsync("missing", "$Latest");
            var version = await Ports.LaunchTemplates.FindVersionAsync("web", "9");

            // Then
            Assert.Null(template);
            Assert.Null(version);
        }

        [Fact]
        public async Task Should_Change_The_Image_Of_A_New_Version()
        {
            // Given
            var app = Cake.FabulAWS.IntegrationTests.LocalAws.Support.Deployments.AppDirectory("v2");
            try
            {
                var imageId = Server.CreateImageFromDirectory("app-v2", app);

                // When
                var v2 = await Ports.LaunchTemplates.CreateVersionAsync("web", "1", new LaunchTemplateChange(imageId));
                var found = await Ports.LaunchTemplates.FindVersionAsync("web", "2");

                // Then
                Assert.Equal(imageId, v2.ImageId);
                Assert.Equal(imageId, found!.ImageId);
                Assert.Equal(Server.BaseImageId, (await Ports.LaunchTemplates.FindVersionAsync("web", "1"))!.ImageId);
            }
            finally
            {
                Directory.Delete(app, recursive: true);
            }
        }
    }
}
