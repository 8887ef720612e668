using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Deploy;

namespace Cake.FabulAWS.Tests.Workflows.Deploy;

public sealed class InterruptedDeployTests
{
    [Theory]
    [InlineData("DeploySerial", "replace", false, false, false, "no old instance was terminated yet and deploy_worker had not run: the old version still serves at full capacity")]
    [InlineData("DeploySerial", "replace", true, false, false, "no old instance was terminated yet (deploy_worker had run: serial deploys need changes the old code can live with)")]
    [InlineData("DeploySerial", "replace", false, true, true, "1 old instance(s) were already terminated, so going back would mean replacing the new instances again")]
    [InlineData("DeployFull", "register", true, false, true, "deploy_worker had run, so the schema may be migrated and the old version may not work with it")]
    [InlineData("DeployFull", "launch", false, false, false, "no old instance was terminated yet and deploy_worker had not run: the old version still serves at full capacity")]
    [InlineData("DeployFull", "rollback", true, true, false, "its own rollback had started")]
    [InlineData("DeploySerial", "forward", false, false, true, "finishing it had started")]
    public void Should_Finish_Forward_Only_When_Going_Back_Is_Worse(string kind, string phase, bool workerRan, bool oldTerminated, bool forward, string why)
    {
        // Given
        var record = new DeployRecord
        {
            Kind = kind,
            Phase = phase,
            Holder = "ci",
            Started = DateTimeOffset.UnixEpoch,
            Commit = new string('a', 40),
            NewSource = LaunchSource.Template("app-lt", "3"),
            OldSource = LaunchSource.Template("app-lt", "2"),
            Sizes = [2, 4, 2],
            OldInstances = ["i-old1", "i-old2"],
            Terminated = oldTerminated ? ["i-old1"] : [],
            WorkerRan = workerRan,
        };

        // When
        var decision = InterruptedDeploy.Decide(record);

        // Then
        Assert.Equal((forward, why), decision);
    }
}
