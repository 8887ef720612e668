using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Workflows.CheckBranch;

namespace Cake.FabulAWS.IntegrationTests.Git;

/// <summary>The branch check through the real git command line, against a real bare remote.</summary>
public sealed class CheckBranchAgainstRealRepositoriesTests
{
    public sealed class TheRunMethod : IAsyncLifetime
    {
        private GitSandbox sandbox = null!;
        private readonly RecordingLog log = new();

        public async Task InitializeAsync() => sandbox = await GitSandbox.CreateAsync();

        public Task DisposeAsync()
        {
            sandbox.Dispose();
            return Task.CompletedTask;
        }

        [Fact]
        public async Task Should_Pass_A_Clean_Pushed_Checkout_And_Log_Branch_And_Commit()
        {
            // Given
            var head = (await sandbox.GitAsync(sandbox.Work, "rev-parse", "HEAD")).Trim();

            // When
            var result = await CheckAsync();

            // Then
            Assert.Equal(new CheckedBranch("main", head), result);
            Assert.Contains(log.Entries, entry => entry.Level == LogLevel.Information
                && entry.Message == $"Branch main at {head} is clean and matches origin/main.");
        }

        [Fact]
        public async Task Should_Refuse_Another_Branch()
        {
            // Given
            await sandbox.GitAsync(sandbox.Work, "checkout", "--quiet", "-b", "feature/login");

            // When
            var message = await RefusalAsync();

            // Then
            Assert.Equal(
                "The checkout is on branch 'feature/login', but this environment deploys branch 'main'. Switch to it: git checkout main",
                message);
        }

        [Fact]
        public async Task Should_Refuse_An_Uncommitted_Change()
        {
            // Given
            await File.AppendAllTextAsync(Path.Combine(sandbox.Work, "README.md"), "more\n");
            await File.WriteAllTextAsync(Path.Combine(sandbox.Work, "staged.txt"), "x");
            await sandbox.GitAsync(sandbox.Work, "add", "staged.txt");

            // When
            var message = await RefusalAsync();

            // Then
            Assert.Contains("has 2 uncommitted changes", message);
            Assert.Contains("Commit and push them, or stash them", message);
            Assert.Contains($"{Environment.NewLine}   M README.md", message);
            Assert.Contains($"{Environment.NewLine}  A  staged.txt", message);
        }

        [Fact]
        public async Task Should_Refuse_An_Untracked_File()
        {
            // Given
            await File.WriteAllTextAsync(Path.Combine(sandbox.Work, "notes.txt"), "todo");

            // When
            var message = await RefusalAsync();

            // Then
            Assert.Contains("has 1 uncommitted change;", message);
            Assert.EndsWith($"{Environment.NewLine}  ?? notes.txt", message);
        }

        [Fact]
        public async Task Should_Not_Count_An_Ignored_File_As_A_Change()
        {
            // Given
            await sandbox.CommitAsync(sandbox.Work, ".gitignore", "bin/\n");
            await sandbox.GitAsync(sandbox.Work, "push", "--quiet");
            Directory.CreateDirectory(Path.Combine(sandbox.Work, "bin"));
            await File.WriteAllTextAsync(Path.Combine(sandbox.Work, "bin", "app.dll"), "binary");

            // When
            var result = await CheckAsync();

            // Then
            Assert.Equal("main", result.Branch);
        }

        [Fact]
        public async Task Should_Refuse_Local_Commits_Not_Pushed_With_Their_Count()
        {
            // Given
            await sandbox.CommitAsync(sandbox.Work, "a.txt", "a");
            await sandbox.CommitAsync(sandbox.Work, "b.txt", "b");

            // When
            var message = await RefusalAsync();

            // Then
            Assert.Contains("is not the same as origin/main: ahead 2, behind 0", message);
            Assert.EndsWith("Push your commits: git push origin main", message);
        }

        [Fact]
        public async Task Should_Fetch_And_Refuse_Remote_Commits_Not_Pulled_With_Their_Count()
        {
            // Given another developer pushed three commits, which only a fetch can reveal
            var other = await sandbox.CloneAsync("other");
            for (var i = 0; i < 3; i++)
            {
                await sandbox.CommitAsync(other, $"other{i}.txt", "x");
            }

            await sandbox.GitAsync(other, "push", "--quiet");

            // When
            var message = await RefusalAsync();

            // Then
            Assert.Contains("ahead 0, behind 3", message);
            Assert.EndsWith("Pull the remote commits: git pull --ff-only origin main", message);
        }

        [Fact]
        public async Task Should_Refuse_A_Diverged_Branch_With_Both_Counts()
        {
            // Given
            var other = await sandbox.CloneAsync("other");
            await sandbox.CommitAsync(other, "theirs1.txt", "x");
            await sandbox.CommitAsync(other, "theirs2.txt", "x");
            await sandbox.GitAsync(other, "push", "--quiet");
            await sandbox.CommitAsync(sandbox.Work, "mine.txt", "x");

            // When
            var message = await RefusalAsync();

            // Then
            Assert.Contains("ahead 1, behind 2", message);
            Assert.Contains("The branches have diverged", message);
        }

        [Fact]
        public async Task Should_Refuse_A_Detached_Head()
        {
            // Given
            var head = (await sandbox.GitAsync(sandbox.Work, "rev-parse", "HEAD")).Trim();
            await sandbox.GitAsync(sandbox.Work, "checkout", "--quiet", "--detach");

            // When
            var message = await RefusalAsync();

            // Then
            Assert.Equal(
                $"HEAD is detached at {head[..12]} (not on any branch), but this environment deploys branch 'main'. Check it out: git checkout main",
                message);
        }

        [Fact]
        public async Task Should_Refuse_A_Missing_Remote_And_Say_How_To_Add_It()
        {
            // Given
            await sandbox.GitAsync(sandbox.Work, "remote", "remove", "origin");

            // When
            var message = await RefusalAsync();

            // Then
            Assert.StartsWith("The git remote 'origin' is not configured in this checkout", message);
            Assert.Contains("git remote add origin <url of the project's repository>", message);
        }

        [Fact]
        public async Task Should_Refuse_A_Branch_That_Was_Never_Pushed()
        {
            // Given
            await sandbox.GitAsync(sandbox.Work, "checkout", "--quiet", "-b", "release");

            // When
            var message = await RefusalAsync("release");

            // Then
            Assert.Equal(
                "Branch 'release' does not exist on remote 'origin', so there is nothing to deploy it from. Push it: git push -u origin release",
                message);
        }

        [Fact]
        public async Task Should_Refuse_A_Branch_Deleted_From_The_Remote_Despite_A_Stale_Tracking_Ref()
        {
            // Given release was pushed, then deleted on the remote by someone else
            await sandbox.GitAsync(sandbox.Work, "checkout", "--quiet", "-b", "release");
            await sandbox.GitAsync(sandbox.Work, "push", "--quiet", "origin", "release");
            var other = await sandbox.CloneAsync("other");
            await sandbox.GitAsync(other, "push", "--quiet", "origin", "--delete", "release");

            // When
            var message = await RefusalAsync("release");

            // Then
            Assert.StartsWith("Branch 'release' does not exist on remote 'origin'", message);
        }

        [Fact]
        public async Task Should_Refuse_A_Directory_That_Is_Not_A_Repository()
        {
            // Given
            var plain = Directory.CreateDirectory(Path.Combine(sandbox.Root, "plain")).FullName;

            // When
            var message = await RefusalAsync(directory: plain);

            // Then
            Assert.StartsWith($"{plain} is not a git repository (nor inside one).", message);
            Assert.Contains("`git remote` exited with 128", message);
        }

        [Fact]
        public async Task Should_Refuse_A_Directory_That_Does_Not_Exist()
        {
            // Given
            var missing = Path.Combine(sandbox.Root, "missing");

            // When
            var message = await RefusalAsync(directory: missing);

            // Then
            Assert.StartsWith($"The directory {missing} does not exist", message);
        }

        [Fact]
        public async Task Should_Say_How_To_Trust_A_Repository_Owned_By_Another_User()
        {
            // Given a checkout owned by 'nobody', as CI clones often belong to another user (the tests run as root)
            Assert.Equal("root", Environment.UserName);
            await ChownAsync(sandbox.Work, "nobody");

            // When
            var message = await RefusalAsync();

            // Then
            Assert.StartsWith($"git refuses to work in {sandbox.Work}: the repository belongs to another user", message);
            Assert.Contains($"If you trust it, run: git config --global --add safe.directory {sandbox.Work}", message);
        }

        private static async Task ChownAsync(string path, string user)
        {
            using var chown = System.Diagnostics.Process.Start("chown", ["-R", user, path]);
            await chown.WaitForExitAsync();
            Assert.Equal(0, chown.ExitCode);
        }

        private Task<CheckedBranch> CheckAsync(string branch = "main", string? directory = null) =>
            new CheckBranchWorkflow(sandbox.Repository(directory), log, TimeProvider.System).RunAsync(branch, "origin");

        private async Task<string> RefusalAsync(string branch = "main", string? directory = null)
        {
            var exception = await Record.ExceptionAsync(() => CheckAsync(branch, directory));
            return Assert.IsType<CakeException>(exception).Message;
        }
    }

    public sealed class TheFabulAwsCheckBranchAsyncAliasForATarget : IAsyncLifetime
    {
        private GitSandbox sandbox = null!;

        public async Task InitializeAsync() => sandbox = await GitSandbox.CreateAsync();

        public Task DisposeAsync()
        {
            sandbox.Dispose();
            return Task.CompletedTask;
        }

        [Fact]
        public async Task Should_Check_The_Checkout_Of_The_Config_File_And_Return_The_Commit_To_Deploy()
        {
            // Given: the configuration lives in the repository; the script runs from somewhere else
            const string yaml = """
                deployments: [app]
                environments: [staging]
                branches: {app: {staging: main}}
                region: us-east-1
                instance_types: {web: t3.small}
                auto_scaling_groups: {app: {staging: app-staging}}
                load_balancers: {app: {staging: [app-lb]}}
                instance_settings: {ami: ami-0123456789abcdef0}
                deploy_user: app
                static_html: {upgrade_message: upgrade.html, healthcheck_override: health.html}
                """;
            var head = await sandbox.CommitAsync(sandbox.Work, "fabulaws-config.yml", yaml);
            await sandbox.GitAsync(sandbox.Work, "push", "--quiet", "origin", "main");
            var target = Cake.FabulAWS.Configuration.FabulAwsConfig.Parse(yaml, Path.Combine(sandbox.Work, "fabulaws-config.yml")).Resolve("staging");
            var context = Remote.TestContext.Create(new Remote.CapturingLog(), Path.GetTempPath());

            // When
            var verified = await context.FabulAwsCheckBranchAsync(target);

            // Then
            Assert.Equal(new CheckedBranch("main", head), verified);
        }
    }
}
