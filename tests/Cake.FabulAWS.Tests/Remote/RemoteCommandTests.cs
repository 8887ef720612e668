using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class RemoteCommandTests
{
    public sealed class TheRenderMethod
    {
        [Fact]
        public void Should_Quote_Only_What_Needs_Quoting_And_Close_Stdin()
        {
            // Given
            var command = RemoteCommand.Of("rm", "-f", "--", "my file", "it's", "a/b.html");

            // When
            var rendered = command.Render();

            // Then
            Assert.Equal("rm -f -- 'my file' 'it'\\''s' a/b.html </dev/null", rendered);
        }

        [Fact]
        public void Should_Keep_A_Leading_Tilde_Expandable()
        {
            // Given
            var command = RemoteCommand.From([CommandPart.Argument("ls"), CommandPart.Path("~/www/static media"), CommandPart.Path("~"), CommandPart.Path("/srv/$x")]);

            // When
            var rendered = command.Render();

            // Then
            Assert.Equal("ls ~/'www/static media' ~ '/srv/$x' </dev/null", rendered);
        }

        [Fact]
        public void Should_Group_Shell_Text_So_Every_Part_Has_Stdin_Closed()
        {
            // Given
            var command = RemoteCommand.Shell("./manage.py migrate --noinput && ./manage.py collectstatic")
                .InDirectory("~/code")
                .WithEnvironment("DEPLOY_COMMIT", "abc123")
                .WithEnvironment("NOTE", "two words");

            // When
            var rendered = command.Render();

            // Then
            Assert.Equal("cd ~/code && export DEPLOY_COMMIT=abc123 NOTE='two words' && { ./manage.py migrate --noinput && ./manage.py collectstatic; } </dev/null", rendered);
        }

        [Fact]
        public void Should_Write_A_Secret_Quoted()
        {
            // Given
            var command = RemoteCommand.From([CommandPart.Argument("login"), CommandPart.SecretArgument(new Secret("p w'd"))]);

            // When
            var rendered = command.Render();

            // Then
            Assert.Equal("login 'p w'\\''d' </dev/null", rendered);
        }
    }

    public sealed class TheRenderSafeMethod
    {
        [Fact]
        public void Should_Redact_Secrets_Everywhere_It_Prints()
        {
            // Given
            var command = RemoteCommand.From([CommandPart.Argument("login"), CommandPart.SecretArgument(new Secret("hunter2"))]);

            // When
            var safe = command.RenderSafe();

            // Then
            Assert.Equal("login [REDACTED] </dev/null", safe);
            Assert.Equal(safe, command.ToString());
            Assert.Equal("[REDACTED]", command.Parts[1].ToString());
            Assert.DoesNotContain("hunter2", $"{command}");
        }
    }

    public sealed class TheBuilderMethods
    {
        [Fact]
        public void Should_Refuse_An_Invalid_Environment_Variable_Name()
        {
            // Given
            var command = RemoteCommand.Of("true");

            // When
            var error = Record.Exception(() => command.WithEnvironment("BAD-NAME", "x"));

            // Then
            Assert.IsType<ArgumentException>(error);
        }

        [Fact]
        public void Should_Refuse_A_Timeout_That_Is_Not_Positive()
        {
            // Given
            var command = RemoteCommand.Of("true");

            // When
            var error = Record.Exception(() => command.WithTimeout(TimeSpan.Zero));

            // Then
            Assert.IsType<ArgumentOutOfRangeException>(error);
        }

        [Fact]
        public void Should_Refuse_An_Empty_Command()
        {
            // When
            var error = Record.Exception(() => RemoteCommand.Of());

            // Then
            Assert.IsType<ArgumentException>(error);
        }

        [Fact]
        public void Should_Keep_The_Original_Unchanged()
        {
            // Given
            var original = RemoteCommand.Of("true");

            // When
            var changed = original.WithTimeout(TimeSpan.FromSeconds(5)).InDirectory("/tmp");

            // Then
            Assert.Null(original.Timeout);
            Assert.Null(original.WorkingDirectory);
            Assert.Equal(TimeSpan.FromSeconds(5), changed.Timeout);
            Assert.Equal("cd /tmp && true </dev/null", changed.Render());
        }
    }
}
