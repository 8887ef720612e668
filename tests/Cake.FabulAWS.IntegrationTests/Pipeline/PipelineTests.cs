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
            var lines = text.Split('\n');
            int LineOf(string start) => Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal)) + 1;
            var (userLine, passwordsLine, sshPortLine) = (LineOf("deploy_user:"), LineOf("password_names:"), LineOf("ssh_port:"));
            lines[userLine - 1] = "deploy_usr: fabdeploy";          // unknown key
            lines[passwordsLine - 1] = "password_names: not-a-list"; // wrong type
            lines[sshPortLine - 1] = "ssh_port: 70000";             // out of range
            text = string.Join('\n', lines);
            File.WriteAllText(config, text);

            // When
            var (exitCode, output) = await CakeRun.RunAsync("--target=SuspendAutoscaling", "--environment=local", "--config=" + config);

            // Then
            Assert.NotEqual(0, exitCode);
            Assert.Contains($"fabulaws-config.yml:{userLine}:1: deploy_usr", output);
            Assert.Contains($"fabulaws-config.yml:{passwordsLine}:17: password_names", output);
            Assert.Contains($"fabulaws-config.yml:{sshPortLine}:11: ssh_port", output);
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
            var block = lines.SkipWhile(l => l != "DeploySerial").TakeWhile(l => l.Length > 0)
                .Select(l => l.TrimStart('│', '├', '└', '─', ' ')).ToList();
            Assert.Equal(["DeploySerial", "CreateLaunchConfig", "CheckBranch", "Test", "Build"], block);
        }

        [Fact]
        public async Task Should_Build_An_Environment_After_The_Branch_Check_And_The_Tests()
        {
            // When
            var (exitCode, output) = await CakeRun.RunAsync("--target=CreateEnvironment", "--tree");

            // Then
            Assert.Equal(0, exitCode);
            var lines = output.Split('\n').Select(l => l.TrimEnd()).ToList();
            var block = lines.SkipWhile(l => l != "CreateEnvironment").TakeWhile(l => l.Length > 0)
                .Select(l => l.TrimStart('│', '├', '└', '─', ' ')).ToList();
            Assert.Equal(["CreateEnvironment", "CheckBranch", "Test", "Build"], block);
        }
    }

    public class TheDemoTarget
    {
        [Fact]
        public async Task Should_Run_The_Readme_Demo_Against_LocalAws()
        {
            // When
            var (exitCode, output) = await CakeRun.RunAsync("--target=Demo");

            // Then
            Assert.True(exitCode == 0, output);
            Assert.Contains("-> 200 \"The FabulAWS demo app is up\"", output);
            Assert.Contains("-> 503 \"We are upgrading the site\"", output);
            Assert.Contains("wrote secret demo_secret_key (0600)", output);
            Assert.Matches(@"instances kept after [0-9.]+ s \(4 health checks\): i-", output);
            Assert.Contains("Demo done.", output);
        }
    }
}
