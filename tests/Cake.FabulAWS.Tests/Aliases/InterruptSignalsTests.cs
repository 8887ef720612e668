using System.Diagnostics;
using System.Runtime.InteropServices;
using Cake.FabulAWS.Tests.Remote;
using Microsoft.Extensions.Time.Testing;

namespace Cake.FabulAWS.Tests.Aliases;

public sealed class InterruptSignalsTests
{
    [Fact]
    public async Task Should_Turn_The_First_Sigterm_Into_A_Cancellation_Instead_Of_Ending_The_Process()
    {
        // Given
        var log = new CapturingLog();
        using var signals = new InterruptSignals(log);
        var cancelled = new TaskCompletionSource();
        using var registration = signals.Token.Register(cancelled.SetResult);

        // When
        using (var kill = Process.Start("kill", ["-TERM", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Then: this test process is still here to assert
        Assert.Equal(PosixSignal.SIGTERM, signals.Received);
        Assert.Contains("SIGTERM received: stopping and cleaning up first (send it again to end at once).", log.Lines);
    }

    [Fact]
    public void Should_Take_A_Second_Signal_At_The_Same_Moment_As_The_Forwarded_Copy_Of_The_First()
    {
        // Given: SIGTERM to the process group reaches the script directly and through dotnet's forwarding
        var time = new FakeTimeProvider();
        using var signals = new InterruptSignals(new CapturingLog(), time);
        Assert.True(signals.Handle(PosixSignal.SIGTERM));

        // When
        time.Advance(TimeSpan.FromMilliseconds(200));
        var keepRunning = signals.Handle(PosixSignal.SIGTERM);

        // Then
        Assert.True(keepRunning);
        Assert.True(SpinWait.SpinUntil(() => signals.Token.IsCancellationRequested, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Should_Let_A_Later_Second_Signal_End_The_Process()
    {
        // Given
        var time = new FakeTimeProvider();
        using var signals = new InterruptSignals(new CapturingLog(), time);
        signals.Handle(PosixSignal.SIGINT);

        // When: the user presses Ctrl-C again
        time.Advance(InterruptSignals.SameSignalWindow);
        var keepRunning = signals.Handle(PosixSignal.SIGINT);

        // Then
        Assert.False(keepRunning);
        Assert.Equal(PosixSignal.SIGINT, signals.Received);
    }
}
