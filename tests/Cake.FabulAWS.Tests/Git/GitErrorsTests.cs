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
