using Cake.FabulAWS.Git;

namespace Cake.FabulAWS.Tests.Git;

public sealed class GitErrorsTests
{
    public sealed class TheFailedMethod
    {
        [Fact]
        public void Should_Say_How_To_Trust_A_Repository_Of_Another_User()
        {
            // Given
            var result = new GitResult("git remote", 128, string.Empty,
                "fatal: detected dubious ownership in repository at '/builds/acme/app'\n" +
                "To add an exception for this directory, call:\n\n\tgit config --global --add safe.directory /builds/acme/app\n");

            // When
            var exception = GitErrors.Failed(result, "/builds/acme/app/src");

            // Then
            Assert.StartsWith(
                "git refuses to work in /builds/acme/app: the repository belongs to another user (\"dubious ownership\"; CI checkouts often do). " +
                "If you trust it, run: git config --global --add safe.directory /builds/acme/app",
                exception.Message);
            Assert.Contains("`git remote` exited with 128", exception.Message);
        }

        [Fact]
        public void Should_Say_The_Directory_Is_Not_A_Repository()
        {
            // Given
            var result = new GitResult("git remote", 128, string.Empty, "fatal: not a git repository (or any of the parent directories): .git\n");

            // When
            var exception = GitErrors.Failed(result, "/tmp/elsewhere");

            // Then
            Assert.StartsWith("/tmp/elsewhere is not a git repository (nor inside one).", exception.Message);
        }

        [Fact]
        public void Should_Name_Command_Exit_Code_And_Redacted_Stderr_Otherwise()
        {
            // Given
            var result = new GitResult("git fetch --no-tags -- origin +refs/heads/main:refs/remotes/origin/main", 128, string.Empty,
                "fatal: unable to access 'https://bot:s3cret@git.example.com/app.git/': Connection refused\n");

            // When
            var exception = GitErrors.Failed(result, "/src/app");

            // Then
            Assert.Equal(
                "`git fetch --no-tags -- origin +refs/heads/main:refs/remotes/origin/main` failed in /src/app with exit code 128: " +
                "fatal: unable to access 'https://[REDACTED]@git.example.com/app.git/': Connection refused",
                exception.Message);
            Assert.DoesNotContain("s3cret", exception.Message);
        }
    }

    public sealed class TheFailedMethodForRemoteAccess
    {
        [Theory]
        [InlineData("git@github.com: Permission denied (publickey).", "load the key into an agent first (ssh-add)")]
        [InlineData("Host key verification failed.", "ssh-keyscan HOST >> ~/.ssh/known_hosts")]
        [InlineData("fatal: could not read Username for 'https://github.com': terminal prompts disabled", "configure a credential helper")]
        public void Should_Say_Why_Git_Could_Not_Ask_And_What_To_Set_Up(string stderr, string hint)
        {
            // Given
            var result = new GitResult("git fetch --no-tags -- origin +refs/heads/main:refs/remotes/origin/main", 128, string.Empty, stderr + "\n");

            // When
            var exception = GitErrors.Failed(result, "/src/app");

            // Then
            var lines = exception.Message.Split(Environment.NewLine);
            Assert.EndsWith(stderr, lines[0]);
            Assert.Contains(hint, lines[^1]);
        }

        [Fact]
        public void Should_Add_No_Hint_For_Other_Failures()
        {
            // Given
            var result = new GitResult("git status", 128, string.Empty, "fatal: index file corrupt\n");

            // When
            var exception = GitErrors.Failed(result, "/src/app");

            // Then
            Assert.Equal("`git status` failed in /src/app with exit code 128: fatal: index file corrupt", exception.Message);
        }
    }

    public sealed class TheTimedOutMethod
    {
        [Fact]
        public void Should_Name_The_Command_The_Limit_And_The_Fetch_Setting()
        {
            // When
            var exception = GitErrors.TimedOut("git fetch --no-tags -- origin x", "/src/app", TimeSpan.FromSeconds(60));

            // Then
            Assert.StartsWith("`git fetch --no-tags -- origin x` timed out after 60 s in /src/app and was stopped.", exception.Message);
            Assert.Contains("CheckBranchSettings.FetchTimeout", exception.Message);
        }
    }
}
