using Cake.FabulAWS.Aws;

namespace Cake.FabulAWS.Tests.Aws;

public sealed class AwsSdkVersionTests
{
    public sealed class TheCheckMethod
    {
        [Theory]
        [InlineData("4.1.0")]
        [InlineData("4.1.0.0")]
        public void Should_Accept_The_Version_It_Is_Built_Against(string loaded)
        {
            // When
            var problem = AwsSdkVersion.Check(loaded, "/x/AWSSDK.Core.dll");

            // Then
            Assert.Null(problem);
        }

        [Theory]
        [InlineData("4.0.102.19")]
        [InlineData("4.1.10.0")]
        [InlineData("3.7.400.0")]
        public void Should_Name_The_Loaded_Version_Where_It_Came_From_And_What_To_Do(string loaded)
        {
            // When
            var problem = AwsSdkVersion.Check(loaded, "/home/me/.nuget/packages/awssdk.core/x/AWSSDK.Core.dll");

            // Then
            Assert.Equal(
                $"Cake.FabulAWS needs AWSSDK.Core 4.1.0 exactly (its Auto Scaling and ELB clients use the SDK's own request pipeline), but AWSSDK.Core {loaded} is loaded from /home/me/.nuget/packages/awssdk.core/x/AWSSDK.Core.dll. "
                + "Something else in this build (another add-in, or a #r/#addin of AWSSDK.Core) loads that version first: pin AWSSDK.Core 4.1.0 there too, or load Cake.FabulAWS first.",
                problem);
        }

        [Fact]
        public void Should_Pass_For_The_Assembly_This_Build_Loads()
        {
            // When
            var error = Record.Exception(AwsSdkVersion.EnsureExpected);

            // Then
            Assert.Null(error);
        }
    }
}
