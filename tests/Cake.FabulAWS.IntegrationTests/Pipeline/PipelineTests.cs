namespace Cake.FabulAWS.IntegrationTests.Pipeline;

public class PipelineTests
{
    public class TheEnvironmentArgument
    {
        [Fact]
        public async Task Should_Fail_With_The_List_Of_Environments_When_Unknown()
        {
            // When
            var (exitCode, output) = await CakeRun.RunAsync("--target=DeploySerial", "--environment=nope");

            // Then
            Assert.NotEqual(0, exitCode);
            Assert.Contains("nope", output);
            Assert.Contains("local", output);
            Assert.Contains("staging", output);
            Assert.Contains("production", output);
            Assert.DoesNotContain("Test    ", output); // failed in Setup, before the test suite ran
        }

        [Fact]
        public async Task Should_Fail_With_The_List_Of_Environments_When_Missing()
        {
            // When
            var (exitCode, output) = await CakeRun.RunAsync("--target=DeployFull");

            // Then
            Assert.NotEqual(0, exitCode);
            Assert.Contains("--environment", output);
            Assert.Contains("staging", output);
        }

        [Fact]
        public async Task Should_Report_Every_Configuration_Mistake_With_Its_Line()
        {
            // Given
            var config = Path.Combine(Directory.CreateTempSubdirectory("pipeline-config-").FullName, "fabulaws-config.yml");
            var text = File.ReadAllText(Path.Combine(CakeRun.RepositoryRoot, "fabulaws-config.yml"));
            text = text.Replace("deploy_user:", "deploy_usr:") // unknown key
                + "\nbogus_section: 1\n"                       // unknown key
                + "password_names: not-a-list\n";              // wrong type (or duplicate)
            File.WriteAllText(config, text);

            // When
            var (exitCode, output) = await CakeRun.RunAsync("--target=SuspendAutoscaling", "--environment=local", "--config=" + config);

            // Then
            Assert.NotEqual(0, exitCode);
            Assert.Contains("deploy_usr", output);
            Assert.Contains("bogus_section", output);
            Assert.Contains("password_names", output);
        }
    }

    public class TheTargets
    {
        [Fact]
        public async Task Should_Show_Deployment_Targets_After_The_Tests_In_The_Tree()
        {
            // When
            var (exitCode, output) = await CakeRun.RunAsync("--target=DeploySerial", "--tree");

            // Then
            Assert.Equal(0, exitCode);
            var lines = output.Split('\n').Select(l => l.TrimEnd()).ToList();
            int Line(string task) => lines.FindIndex(l => l.TrimStart('│', '├', '└', '─', ' ') == task);
            Assert.True(Line("DeploySerial") < Line("CreateLaunchConfig"));
            Assert.True(Line("CreateLaunchConfig") < Line("CheckBranch"));
            Assert.True(Line("CheckBranch") < Line("Test"));
            Assert.True(Line("Test") < Line("Build"));
        }

        [Fact]
        public async Task Should_Fail_Loudly_For_A_Target_Whose_Workflow_Does_Not_Exist_Yet()
        {
            // When
            var (exitCode, output) = await CakeRun.RunAsync("--target=CreateEnvironment", "--environment=local");

            // Then
            Assert.NotEqual(0, exitCode);
            Assert.Contains("CreateEnvironment is not implemented yet", output);
        }
    }
}
