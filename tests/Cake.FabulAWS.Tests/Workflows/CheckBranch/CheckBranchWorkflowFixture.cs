using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.CheckBranch;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Workflows.CheckBranch;

/// <summary>A checkout that passes every check until a test changes one answer.</summary>
internal sealed class CheckBranchWorkflowFixture
{
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";

    public CheckBranchWorkflowFixture()
    {
        Git.HasRemoteAsync("origin", Arg.Any<CancellationToken>()).Returns(true);
        Git.GetCurrentBranchAsync(Arg.Any<CancellationToken>()).Returns("main");
        Git.GetHeadCommitAsync(Arg.Any<CancellationToken>()).Returns(Commit);
        Git.GetUncommittedChangesAsync(Arg.Any<CancellationToken>()).Returns(Array.Empty<string>());
        Git.CompareWithAsync("origin/main", Arg.Any<CancellationToken>()).Returns(new BranchDivergence(0, 0));
    }

    public IGitRepository Git { get; } = Substitute.For<IGitRepository>();

    public RecordingLog Log { get; } = new();

    public FakeTimeProvider Time { get; } = new();

    public string ExpectedBranch { get; set; } = "main";

    public string Remote { get; set; } = "origin";

    public Task<CheckedBranch> RunAsync() => new CheckBranchWorkflow(Git, Log, Time).RunAsync(ExpectedBranch, Remote);

    public async Task<Exception?> RecordAsync() => await Record.ExceptionAsync(RunAsync);
}
