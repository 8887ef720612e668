using System.Diagnostics;
using System.Runtime.InteropServices;
using Cake.FabulAWS.Tests.Remote;

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
}
