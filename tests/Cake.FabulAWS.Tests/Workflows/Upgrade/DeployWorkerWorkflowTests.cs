using Cake.Core;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS.Tests.Workflows.Upgrade;

public sealed class DeployWorkerWorkflowTests
{
    private static readonly RemoteHost WorkerA = new("10.0.0.7", "i-a");
    private static readonly RemoteHost WorkerB = new("10.0.0.8", "i-b");

    public sealed class TheRunMethod
    {
        [Fact]
        public async Task Should_Run_Every_Command_In_Order_On_One_Connection()
        {
            // Given
            var remote = new FakeRemote();

            // When
            var results = await new DeployWorkerWorkflow(remote, new CapturingLog()).RunAsync([WorkerA], FakeRemote.WorkerSettings("one", "two"));

            // Then
            Assert.Equal(2, results.Count);
            Assert.Equal(
                [
                    "open 10.0.0.7",
                    "run export DEPLOY_COMMIT=0123abc FABULAWS_COMMIT=0123abc && { one; } </dev/null",
                    "run export DEPLOY_COMMIT=0123abc FABULAWS_COMMIT=0123abc && { two; } </dev/null",
                    "close",
                ],
                remote.Operations);
        }

        [Fact]
        public async Task Should_Stop_At_The_First_Failure_And_Say_Which_Command()
        {
            // Given
            var remote = new FakeRemote { ExitCode = (index, _) => index == 1 ? 3 : 0 };

            // When
            var error = await Record.ExceptionAsync(() => new DeployWorkerWorkflow(remote, new CapturingLog()).RunAsync([WorkerA], FakeRemote.WorkerSettings("one", "two", "three")));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.Equal(
                "deploy_worker stopped at command 2 of 3 on 10.0.0.7 (i-a): `two` exited with code 3\nLast output:\nboom\nlast line\n"
                + "Commands after it did not run. Fix the cause and run deploy_worker again (see the log file for 10.0.0.7).",
                error.Message);
            Assert.DoesNotContain(remote.Operations, o => o.Contains("three", StringComparison.Ordinal));
            Assert.Equal("close", remote.Operations[^1]);
        }

        [Fact]
        public async Task Should_Refuse_A_Commit_That_Is_Not_A_Commit_Id_Before_Connecting()
        {
            // Given
            var remote = new FakeRemote();
            var settings = FakeRemote.WorkerSettings("git reset --hard $DEPLOY_COMMIT") with { Commit = "; rm -rf ~" };

            // When
            var error = await Record.ExceptionAsync(() => new DeployWorkerWorkflow(remote, new CapturingLog()).RunAsync([WorkerA], settings));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.StartsWith("deploy_worker's commit: '; rm -rf ~' is not a git commit id", error.Message);
            Assert.Empty(remote.Operations);
        }

        [Fact]
        public async Task Should_Refuse_When_No_Worker_Runs()
        {
            // Given
            var remote = new FakeRemote();

            // When
            var error = await Record.ExceptionAsync(() => new DeployWorkerWorkflow(remote, new CapturingLog()).RunAsync([], FakeRemote.WorkerSettings("one")));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.Equal("deploy_worker: no running server is tagged deployment=myproject, environment=staging, role=worker. Create the worker, or check the tags.", error.Message);
            Assert.Empty(remote.Operations);
        }

        [Fact]
        public async Task Should_Refuse_Several_Workers_Unless_Told_Which()
        {
            // Given
            var remote = new FakeRemote();

            // When
            var error = await Record.ExceptionAsync(() => new DeployWorkerWorkflow(remote, new CapturingLog()).RunAsync([WorkerA, WorkerB], FakeRemote.WorkerSettings("one")));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.Equal("deploy_worker: 2 servers have the role 'worker' (10.0.0.7 (i-a), 10.0.0.8 (i-b)); name the one to use with --worker=INSTANCE_ID (EnvironmentOptions.WorkerHost), or stop the others.", error.Message);
            Assert.Empty(remote.Operations);
        }

        [Theory]
        [InlineData("i-b")]
        [InlineData("10.0.0.8")]
        public async Task Should_Use_The_Named_Worker(string wanted)
        {
            // Given
            var remote = new FakeRemote();

            // When
            await new DeployWorkerWorkflow(remote, new CapturingLog()).RunAsync([WorkerA, WorkerB], FakeRemote.WorkerSettings("one") with { WorkerHost = wanted });

            // Then
            Assert.Equal("open 10.0.0.8", remote.Operations[0]);
        }

        [Fact]
        public async Task Should_Refuse_A_Named_Worker_That_Is_Not_Running()
        {
            // Given
            var remote = new FakeRemote();

            // When
            var error = await Record.ExceptionAsync(() => new DeployWorkerWorkflow(remote, new CapturingLog()).RunAsync([WorkerA], FakeRemote.WorkerSettings("one") with { WorkerHost = "i-gone" }));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.StartsWith("deploy_worker: the worker 'i-gone' is not among the running 'worker' servers of myproject/staging: 10.0.0.7 (i-a).", error.Message);
        }

        [Fact]
        public async Task Should_Need_The_Commit()
        {
            // When
            var error = await Record.ExceptionAsync(() => new DeployWorkerWorkflow(new FakeRemote(), new CapturingLog()).RunAsync([WorkerA], FakeRemote.WorkerSettings("one") with { Commit = " " }));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.Equal("deploy_worker's commit: ' ' is not a git commit id (7 to 40 hexadecimal digits, as `git rev-parse HEAD` prints). Nothing was run.", error.Message);
        }

        [Fact]
        public async Task Should_Warn_And_Connect_Nowhere_Without_Commands()
        {
            // Given
            var remote = new FakeRemote();
            var log = new CapturingLog();

            // When
            var results = await new DeployWorkerWorkflow(remote, log).RunAsync([WorkerA], FakeRemote.WorkerSettings());

            // Then
            Assert.Empty(results);
            Assert.Empty(remote.Operations);
            Assert.Contains("deploy_worker: no deploy_worker_commands configured; nothing to run on 10.0.0.7.", log.Lines);
        }
    }
}
