using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS.Tests.Workflows.Upgrade;

public sealed class WorkerCommandsTests
{
    public sealed class TheForMethod
    {
        [Fact]
        public void Should_Export_The_Commit_Before_Each_Configured_Line()
        {
            // Given
            var settings = FakeRemote.WorkerSettings("./manage.py migrate --noinput", "sudo supervisorctl restart celery") with
            {
                WorkingDirectory = "~/www/staging/code_root",
                CommandTimeout = TimeSpan.FromMinutes(20),
            };

            // When
            var commands = WorkerCommands.For(settings);

            // Then
            Assert.Equal(
                [
                    "cd ~/www/staging/code_root && export DEPLOY_COMMIT=0123abc FABULAWS_COMMIT=0123abc && { ./manage.py migrate --noinput; } </dev/null",
                    "cd ~/www/staging/code_root && export DEPLOY_COMMIT=0123abc FABULAWS_COMMIT=0123abc && { sudo supervisorctl restart celery; } </dev/null",
                ],
                commands.Select(c => c.Render()));
            Assert.All(commands, c => Assert.Equal(TimeSpan.FromMinutes(20), c.Timeout));
        }

        [Fact]
        public void Should_Run_In_The_Login_Directory_By_Default()
        {
            // When
            var command = Assert.Single(WorkerCommands.For(FakeRemote.WorkerSettings("true")));

            // Then
            Assert.Equal("export DEPLOY_COMMIT=0123abc FABULAWS_COMMIT=0123abc && { true; } </dev/null", command.Render());
            Assert.Null(command.Timeout);
        }
    }
}
