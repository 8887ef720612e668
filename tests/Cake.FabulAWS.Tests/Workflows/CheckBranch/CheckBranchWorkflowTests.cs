using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Cake.FabulAWS.Tests.Workflows.CheckBranch;

public sealed class CheckBranchWorkflowTests
{
    public sealed class TheRunMethod
    {
        [Fact]
        public async Task Should_Return_And_Log_Branch_And_Commit_When_Up_To_Date()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();

            // When
            var result = await fixture.RunAsync();

            // Then
            Assert.Equal("main", result.Branch);
            Assert.Equal(CheckBranchWorkflowFixture.Commit, result.Commit);
            Assert.Contains(fixture.Log.Entries, entry => entry.Level == LogLevel.Information
                && entry.Message == $"Branch main at {CheckBranchWorkflowFixture.Commit} is clean and matches origin/main.");
        }

        [Fact]
        public async Task Should_Fetch_The_Branch_Before_Comparing_With_It()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();

            // When
            await fixture.RunAsync();

            // Then
            Received.InOrder(() =>
            {
                fixture.Git.FetchAsync("origin", "main", Arg.Any<CancellationToken>());
                fixture.Git.CompareWithAsync("origin/main", Arg.Any<CancellationToken>());
            });
        }

        [Fact]
        public async Task Should_Log_How_Long_The_Fetch_Took()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            fixture.Git.FetchAsync("origin", "main", Arg.Any<CancellationToken>())
                .Returns(_ => { fixture.Time.Advance(TimeSpan.FromSeconds(2.5)); return Task.CompletedTask; });

            // When
            await fixture.RunAsync();

            // Then
            Assert.Contains(fixture.Log.Entries, entry => entry.Message == "Fetched origin/main in 2.5 s.");
        }

        [Fact]
        public async Task Should_Use_The_Given_Remote_Everywhere()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture { Remote = "upstream" };
            fixture.Git.HasRemoteAsync("upstream", Arg.Any<CancellationToken>()).Returns(true);
            fixture.Git.CompareWithAsync("upstream/main", Arg.Any<CancellationToken>()).Returns(new BranchDivergence(0, 0));

            // When
            await fixture.RunAsync();

            // Then
            await fixture.Git.Received(1).FetchAsync("upstream", "main", Arg.Any<CancellationToken>());
            await fixture.Git.DidNotReceive().FetchAsync("origin", Arg.Any<string>(), Arg.Any<CancellationToken>());
        }

        [Fact]
        public async Task Should_Refuse_When_The_Remote_Is_Missing()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            fixture.Git.HasRemoteAsync("origin", Arg.Any<CancellationToken>()).Returns(false);

            // When
            var exception = await fixture.RecordAsync();

            // Then
            var refusal = Assert.IsType<CakeException>(exception);
            Assert.Contains("The git remote 'origin' is not configured", refusal.Message);
            Assert.Contains("git remote add origin <url of the project's repository>", refusal.Message);
            Assert.Contains("git remote -v", refusal.Message);
            await fixture.Git.DidNotReceiveWithAnyArgs().FetchAsync(default!, default!, default);
        }

        [Fact]
        public async Task Should_Refuse_When_Head_Is_Detached()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            fixture.Git.GetCurrentBranchAsync(Arg.Any<CancellationToken>()).Returns((string?)null);

            // When
            var exception = await fixture.RecordAsync();

            // Then
            var refusal = Assert.IsType<CakeException>(exception);
            Assert.Equal(
                "HEAD is detached at 0123456789ab (not on any branch), but this environment deploys branch 'main'. Check it out: git checkout main",
                refusal.Message);
        }

        [Fact]
        public async Task Should_Refuse_When_Another_Branch_Is_Checked_Out()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            fixture.Git.GetCurrentBranchAsync(Arg.Any<CancellationToken>()).Returns("feature/login");

            // When
            var exception = await fixture.RecordAsync();

            // Then
            var refusal = Assert.IsType<CakeException>(exception);
            Assert.Equal(
                "The checkout is on branch 'feature/login', but this environment deploys branch 'main'. Switch to it: git checkout main",
                refusal.Message);
            await fixture.Git.DidNotReceiveWithAnyArgs().FetchAsync(default!, default!, default);
        }

        [Fact]
        public async Task Should_Refuse_And_List_Uncommitted_Changes()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            fixture.Git.GetUncommittedChangesAsync(Arg.Any<CancellationToken>()).Returns(new[] { " M app.py", "?? notes.txt" });

            // When
            var exception = await fixture.RecordAsync();

            // Then
            var refusal = Assert.IsType<CakeException>(exception);
            var lines = refusal.Message.Split(Environment.NewLine);
            Assert.Equal(
                "The work tree of 'main' has 2 uncommitted changes; a deployment must be made from a pushed commit. " +
                "Commit and push them, or stash them (git stash --include-untracked):",
                lines[0]);
            Assert.Equal(new[] { "   M app.py", "  ?? notes.txt" }, lines[1..]);
        }

        [Fact]
        public async Task Should_List_At_Most_Ten_Uncommitted_Changes()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            var changes = Enumerable.Range(1, 14).Select(i => $"?? file{i}.txt").ToArray();
            fixture.Git.GetUncommittedChangesAsync(Arg.Any<CancellationToken>()).Returns(changes);

            // When
            var exception = await fixture.RecordAsync();

            // Then
            var lines = Assert.IsType<CakeException>(exception).Message.Split(Environment.NewLine);
            Assert.Contains("has 14 uncommitted changes", lines[0]);
            Assert.Equal(12, lines.Length);
            Assert.Equal("  ?? file10.txt", lines[10]);
            Assert.Equal("  ... and 4 more (git status)", lines[11]);
        }

        [Fact]
        public async Task Should_Refuse_When_The_Remote_Branch_Does_Not_Exist()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            fixture.Git.CompareWithAsync("origin/main", Arg.Any<CancellationToken>()).Returns((BranchDivergence?)null);

            // When
            var exception = await fixture.RecordAsync();

            // Then
            var refusal = Assert.IsType<CakeException>(exception);
            Assert.Equal(
                "Branch 'main' does not exist on remote 'origin', so there is nothing to deploy it from. Push it: git push -u origin main",
                refusal.Message);
        }

        [Fact]
        public async Task Should_Refuse_When_Ahead_Of_The_Remote()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            fixture.Git.CompareWithAsync("origin/main", Arg.Any<CancellationToken>()).Returns(new BranchDivergence(2, 0));

            // When
            var exception = await fixture.RecordAsync();

            // Then
            Assert.Equal(
                "Branch 'main' (HEAD 0123456789ab) is not the same as origin/main: ahead 2, behind 0 " +
                "(2 local commits not pushed, 0 remote commits not pulled). Push your commits: git push origin main",
                Assert.IsType<CakeException>(exception).Message);
        }

        [Fact]
        public async Task Should_Refuse_When_Behind_The_Remote()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            fixture.Git.CompareWithAsync("origin/main", Arg.Any<CancellationToken>()).Returns(new BranchDivergence(0, 1));

            // When
            var exception = await fixture.RecordAsync();

            // Then
            Assert.Equal(
                "Branch 'main' (HEAD 0123456789ab) is not the same as origin/main: ahead 0, behind 1 " +
                "(0 local commits not pushed, 1 remote commit not pulled). Pull the remote commits: git pull --ff-only origin main",
                Assert.IsType<CakeException>(exception).Message);
        }

        [Fact]
        public async Task Should_Refuse_When_Diverged_From_The_Remote()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            fixture.Git.CompareWithAsync("origin/main", Arg.Any<CancellationToken>()).Returns(new BranchDivergence(1, 3));

            // When
            var exception = await fixture.RecordAsync();

            // Then
            var message = Assert.IsType<CakeException>(exception).Message;
            Assert.Contains("ahead 1, behind 3", message);
            Assert.Contains("have diverged", message);
            Assert.Contains("git pull --rebase origin main", message);
            Assert.Contains("git push origin main", message);
        }

        [Theory]
        [InlineData("", "The git branch name is empty")]
        [InlineData("--upload-pack=evil", "'--upload-pack=evil' is not a valid git branch name")]
        [InlineData("main:refs/heads/other", "'main:refs/heads/other' is not a valid git branch name")]
        [InlineData("a..b", "'a..b' is not a valid git branch name")]
        [InlineData("with space", "'with space' is not a valid git branch name")]
        public async Task Should_Refuse_An_Invalid_Branch_Name_Before_Running_Git(string branch, string expected)
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture { ExpectedBranch = branch };

            // When
            var exception = await fixture.RecordAsync();

            // Then
            Assert.StartsWith(expected, Assert.IsType<CakeException>(exception).Message);
            Assert.Empty(fixture.Git.ReceivedCalls());
        }

        [Fact]
        public async Task Should_Refuse_An_Invalid_Remote_Name_Before_Running_Git()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture { Remote = "-oProxyCommand=x" };

            // When
            var exception = await fixture.RecordAsync();

            // Then
            Assert.StartsWith("'-oProxyCommand=x' is not a valid git remote name", Assert.IsType<CakeException>(exception).Message);
            Assert.Empty(fixture.Git.ReceivedCalls());
        }

        [Fact]
        public async Task Should_Let_A_Failed_Fetch_Through_Unchanged()
        {
            // Given
            var fixture = new CheckBranchWorkflowFixture();
            var failure = new CakeException("`git fetch ...` timed out after 60 s");
            fixture.Git.FetchAsync("origin", "main", Arg.Any<CancellationToken>()).ThrowsAsync(failure);

            // When
            var exception = await fixture.RecordAsync();

            // Then
            Assert.Same(failure, exception);
            await fixture.Git.DidNotReceiveWithAnyArgs().CompareWithAsync(default!, default);
        }
    }
}
