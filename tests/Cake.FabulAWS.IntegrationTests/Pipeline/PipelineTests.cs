using System.Text.Json;

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

    /// <summary>
    /// ./build.sh --target=Demo: the real targets against LocalAws while a client polls the site, then its report. Run twice in
    /// a row, the second time stopped by SIGTERM while DeployFull shows the upgrade page: each run leaves no process and no
    /// temp folder behind.
    /// </summary>
    public class TheDemoTarget(Xunit.Abstractions.ITestOutputHelper output)
    {
        [Fact]
        public async Task Should_Show_Both_Deploys_In_Its_Report_And_Clean_Up_Also_When_Stopped()
        {
            // Given
            var dir = Directory.CreateTempSubdirectory("pipeline-demo-").FullName;
            var (done, stopped) = (Path.Combine(dir, "done", "report.json"), Path.Combine(dir, "stopped", "report.json"));

            // When
            var (exitCode, log) = await CakeRun.RunAsync(new Dictionary<string, string?>(), TimeSpan.FromMinutes(6), "--target=Demo", "--demo-report=" + done);
            output.WriteLine(log);

            // Then
            Assert.True(exitCode == 0, log);
            using var report = JsonDocument.Parse(File.ReadAllText(done));
            var root = report.RootElement;
            Assert.True(root.GetProperty("succeeded").GetBoolean());
            var phases = root.GetProperty("phases").EnumerateArray().ToList();
            var targets = phases.Where(p => p.GetProperty("target").ValueKind == JsonValueKind.String).ToList();
            Assert.Equal(["CreateLaunchConfig", "DeployFull", "CreateLaunchConfig", "DeploySerial"], targets.Select(p => p.GetProperty("target").GetString()));
            Assert.All(targets, p => Assert.Equal(0, p.GetProperty("exitCode").GetInt32()));
            var (full, serial) = (targets[1], targets[3]);
            Assert.Equal(0, Requests(serial, "failed"));
            Assert.True(Requests(serial, "total") > 50, "the client polled during DeploySerial");
            Assert.True(Requests(full, "upgradePage") > 0, "the upgrade page was seen during DeployFull");
            Assert.All(phases.Where(p => p.GetProperty("number").GetInt32() != full.GetProperty("number").GetInt32() && p.GetProperty("requests").ValueKind == JsonValueKind.Object), p => Assert.Equal(0, Requests(p, "upgradePage")));
            var seen = root.GetProperty("seen").EnumerateArray().Where(s => s.GetProperty("version").ValueKind == JsonValueKind.Number).ToList();
            Assert.Equal(1, seen[0].GetProperty("version").GetInt32());
            Assert.Contains(seen, s => s.GetProperty("version").GetInt32() == 2);
            Assert.Equal([1, 2], serial.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
            Assert.NotEmpty(root.GetProperty("capacity").EnumerateArray());
            Assert.Contains("deploying main at", log); // deploy_worker on the seeded worker
            Assert.Contains("Healthy in-service instances of demo-local-asg over time:", log);
            Assert.Contains("[ok] no failed request during DeploySerial: 0 failed of", log);
            Assert.Matches(@"\[ok\] the group kept its instances after the upgrade page came down: [1-9]\d* instance\(s\) kept for [\d.]+ s \(4 health checks\): i-\w+", log);
            var kept = phases.Single(p => p.GetProperty("name").GetString() == "Upgrade page gone: the group keeps its instances");
            Assert.Equal(full.GetProperty("number").GetInt32() + 1, kept.GetProperty("number").GetInt32());
            Assert.Equal(0, Requests(kept, "failed"));
            var after = phases.Single(p => p.GetProperty("name").GetString() == "After the deploy: what the client gets");
            Assert.Equal([2], after.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
            Assert.True(Requests(after, "total") >= 10 && Requests(after, "failed") == 0, "after DeploySerial the client gets version 2 only");
            AssertNothingLeft(root);

            // When: again, stopped while DeployFull shows the upgrade page
            var (stoppedExit, stoppedLog) = await RunAndStopAsync(stopped, "== Show the upgrade page");
            output.WriteLine(stoppedLog);

            // Then
            Assert.NotEqual(0, stoppedExit);
            Assert.Contains("The demo was stopped by SIGTERM", stoppedLog);
            using var second = JsonDocument.Parse(File.ReadAllText(stopped));
            Assert.False(second.RootElement.GetProperty("succeeded").GetBoolean());
            Assert.Equal("interrupted by SIGTERM", second.RootElement.GetProperty("error").GetString());
            Assert.Equal("DeployFull", second.RootElement.GetProperty("phases").EnumerateArray().Last().GetProperty("target").GetString());
            AssertNothingLeft(second.RootElement);
            Directory.Delete(dir, recursive: true);
        }

        [Fact]
        public async Task Should_Build_The_Environment_With_CreateEnvironment_When_Asked()
        {
            // Given: LocalAws seeded without the group and the worker
            var dir = Directory.CreateTempSubdirectory("pipeline-demo-ce-").FullName;
            var file = Path.Combine(dir, "report.json");

            // When
            var (exitCode, log) = await CakeRun.RunAsync(new Dictionary<string, string?>(), TimeSpan.FromMinutes(6), "--target=Demo", "--demo-create-environment", "--demo-report=" + file);
            output.WriteLine(log);

            // Then: CreateEnvironment made the group and brought version 1 up behind the upgrade page, then the serial deploy
            Assert.True(exitCode == 0, log);
            using var report = JsonDocument.Parse(File.ReadAllText(file));
            var root = report.RootElement;
            Assert.True(root.GetProperty("succeeded").GetBoolean(), root.GetProperty("error").ToString());
            var targets = root.GetProperty("phases").EnumerateArray().Where(p => p.GetProperty("target").ValueKind == JsonValueKind.String).ToList();
            Assert.Equal(["CreateEnvironment", "CreateLaunchConfig", "DeploySerial"], targets.Select(p => p.GetProperty("target").GetString()));
            Assert.Equal(0, Requests(targets[2], "failed"));
            Assert.Equal([1, 2], targets[2].GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
            Assert.Contains("Auto Scaling group demo-local-asg created empty on demo-local-lt:1", log, StringComparison.Ordinal);
            Assert.Contains("[ok] the group kept its instances after the upgrade page came down", log);
            AssertNothingLeft(root);
            Directory.Delete(dir, recursive: true);
        }

        private static int Requests(JsonElement phase, string what) => phase.GetProperty("requests").GetProperty(what).GetInt32();

        /// <summary>The work folder is gone and no process mentions it in its command line or works in it.</summary>
        private static void AssertNothingLeft(JsonElement report)
        {
            var work = report.GetProperty("cleanup").GetProperty("workDirectory").GetString()!;
            Assert.StartsWith(Path.GetTempPath(), work, StringComparison.Ordinal);
            Assert.False(Directory.Exists(work), work);
            var left = new List<string>();
            foreach (var proc in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            {
                try
                {
                    var commandLine = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                    var cwd = new DirectoryInfo(Path.Combine(proc, "cwd")).LinkTarget ?? string.Empty;
                    if (commandLine.Contains(work, StringComparison.Ordinal) || cwd.StartsWith(work, StringComparison.Ordinal))
                    {
                        left.Add($"{Path.GetFileName(proc)} {commandLine}");
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // gone meanwhile
                }
            }

            Assert.Empty(left);
        }

        /// <summary>Runs the Demo target and sends SIGTERM to the pipeline process once a line contains <paramref name="marker"/>.</summary>
        private static async Task<(int ExitCode, string Output)> RunAndStopAsync(string report, string marker)
        {
            var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var process = CakeRun.Start(new Dictionary<string, string?>(), "--target=Demo", "--demo-report=" + report);
            void Line(string? line)
            {
                if (line is not null)
                {
                    lines.Enqueue(line);
                    if (line.Contains(marker, StringComparison.Ordinal))
                    {
                        reached.TrySetResult();
                    }
                }
            }

            process.OutputDataReceived += (_, e) => Line(e.Data);
            process.ErrorDataReceived += (_, e) => Line(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            try
            {
                await reached.Task.WaitAsync(deadline.Token);
                using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync(deadline.Token);
                }

                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The demo did not reach '{marker}' and stop within 4 minutes:\n{string.Join('\n', lines)}");
            }

            process.WaitForExit(); // the last lines
            return (process.ExitCode, string.Join('\n', lines));
        }
    }
}
