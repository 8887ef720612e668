using Cake.Core;
using Cake.Core.Diagnostics;
using DirectoryPath = Cake.Core.IO.DirectoryPath;
using Cake.FabulAWS.Workflows.CheckBranch;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Aliases;

public sealed class FabulAwsAliasesCheckBranchTests
{
    public sealed class TheFabulAwsCheckBranchAsyncMethod
    {
        private static ICakeContext Context(string workingDirectory)
        {
            var environment = Substitute.For<ICakeEnvironment>();
            environment.WorkingDirectory.Returns(new DirectoryPath(workingDirectory));
            var context = Substitute.For<ICakeContext>();
            context.Environment.Returns(environment);
            context.Log.Returns(Substitute.For<ICakeLog>());
            return context;
        }

        [Fact]
        public async Task Should_Throw_If_Context_Is_Null()
        {
            // When
            var exception = await Record.ExceptionAsync(() => FabulAwsAliases.FabulAwsCheckBranchAsync(null!, "main"));

            // Then
            Assert.Equal("context", Assert.IsType<ArgumentNullException>(exception).ParamName);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        public async Task Should_Throw_If_Branch_Is_Empty(string branch)
        {
            // When
            var exception = await Record.ExceptionAsync(() => Context("/src/app").FabulAwsCheckBranchAsync(branch));

            // Then
            Assert.Equal("expectedBranch", Assert.IsType<ArgumentException>(exception).ParamName);
        }

        [Fact]
        public async Task Should_Throw_If_The_Fetch_Timeout_Is_Not_Positive()
        {
            // Given
            var settings = new CheckBranchSettings { FetchTimeout = TimeSpan.Zero };

            // When
            var exception = await Record.ExceptionAsync(() => Context("/src/app").FabulAwsCheckBranchAsync("main", settings));

            // Then
            Assert.Equal("settings.FetchTimeout", Assert.IsType<ArgumentOutOfRangeException>(exception).ParamName);
        }

        [Fact]
        public async Task Should_Check_The_Script_Working_Directory_By_Default()
        {
            // Given
            var missing = Path.Combine(Path.GetTempPath(), $"fabulaws-missing-{Guid.NewGuid():N}");

            // When
            var exception = await Record.ExceptionAsync(() => Context(missing).FabulAwsCheckBranchAsync("main"));

            // Then
            Assert.StartsWith($"The directory {missing} does not exist", Assert.IsType<CakeException>(exception).Message);
        }

        [Fact]
        public async Task Should_Take_A_Relative_Working_Directory_From_The_Script_Working_Directory()
        {
            // Given
            var root = Path.Combine(Path.GetTempPath(), $"fabulaws-missing-{Guid.NewGuid():N}");
            var settings = new CheckBranchSettings { WorkingDirectory = "checkout" };

            // When
            var exception = await Record.ExceptionAsync(() => Context(root).FabulAwsCheckBranchAsync("main", settings));

            // Then
            Assert.StartsWith($"The directory {root}/checkout does not exist", Assert.IsType<CakeException>(exception).Message);
        }
    }

    public sealed class TheCheckBranchSettingsDefaults
    {
        [Fact]
        public void Should_Use_Origin_The_Script_Directory_And_Sixty_Seconds()
        {
            // When
            var settings = new CheckBranchSettings();

            // Then
            Assert.Equal(("origin", null, TimeSpan.FromSeconds(60)), (settings.Remote, settings.WorkingDirectory, settings.FetchTimeout));
        }
    }
}
