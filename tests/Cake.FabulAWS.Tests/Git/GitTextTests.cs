using Cake.FabulAWS.Git;

namespace Cake.FabulAWS.Tests.Git;

public sealed class GitTextTests
{
    public sealed class TheRenderMethod
    {
        [Fact]
        public void Should_Render_Plain_Arguments_As_Typed()
        {
            // Given
            string[] arguments = ["fetch", "--no-tags", "--", "origin", "+refs/heads/main:refs/remotes/origin/main"];

            // When
            var rendered = GitText.Render(arguments);

            // Then
            Assert.Equal("git fetch --no-tags -- origin +refs/heads/main:refs/remotes/origin/main", rendered);
        }

        [Fact]
        public void Should_Quote_Arguments_A_Shell_Would_Split_Or_Expand()
        {
            // Given
            string[] arguments = ["ls-files", "--", "my file", "it's", "$HOME", ""];

            // When
            var rendered = GitText.Render(arguments);

            // Then
            Assert.Equal(@"git ls-files -- 'my file' 'it'\''s' '$HOME' ''", rendered);
        }
    }

    public sealed class TheRedactMethod
    {
        [Theory]
        [InlineData(
            "fatal: unable to access 'https://deploy:ghp_secret@github.com/acme/app.git/': Could not resolve host",
            "fatal: unable to access 'https://[REDACTED]@github.com/acme/app.git/': Could not resolve host")]
        [InlineData("ssh://git@example.com:22/app.git", "ssh://[REDACTED]@example.com:22/app.git")]
        [InlineData("git@github.com:acme/app.git is fine", "git@github.com:acme/app.git is fine")]
        public void Should_Hide_Credentials_In_Urls(string text, string expected)
        {
            // When
            var redacted = GitText.Redact(text);

            // Then
            Assert.Equal(expected, redacted);
        }
    }

    public sealed class TheSummarizeMethod
    {
        [Fact]
        public void Should_Keep_The_Last_Twenty_Lines()
        {
            // Given
            var stderr = string.Join('\n', Enumerable.Range(1, 25).Select(i => $"line {i}")) + "\n";

            // When
            var summary = GitText.Summarize(stderr);

            // Then
            var lines = summary.Split(Environment.NewLine);
            Assert.Equal(20, lines.Length);
            Assert.Equal("line 6", lines[0]);
            Assert.Equal("line 25", lines[^1]);
        }

        [Fact]
        public void Should_Say_When_Nothing_Was_Written()
        {
            // When
            var summary = GitText.Summarize("\n");

            // Then
            Assert.Equal("(nothing on stderr)", summary);
        }
    }
}
