using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Tests.Remote;

public class SshStepTests
{
    public class TheRunAsyncMethodWithAnUnusableLogDirectory : IDisposable
    {
        private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("ssh-step-");

        public void Dispose() => directory.Delete(recursive: true);

        [Fact]
        public async Task Should_Fail_Every_Host_Instead_Of_Hanging_When_There_Are_More_Hosts_Than_The_Concurrency()
        {
            // Given: the log "directory" is a file (as a root-owned fabulaws-logs/ is for a normal user), one host at a time
            var notADirectory = Path.Combine(directory.FullName, "fabulaws-logs");
            File.WriteAllText(notADirectory, "a file");
            var settings = new SshSettings("deploy") { LogDirectory = notADirectory, Concurrency = 1 };
            var prepared = 0;
            var connections = new[] { "10.0.0.5", "10.0.0.6", "10.0.0.7" }.Select(address => new HostConnection(
                new RemoteHost(address, "i-" + address.Replace(".", string.Empty, StringComparison.Ordinal)),
                settings,
                [],
                _ =>
                {
                    Interlocked.Increment(ref prepared);
                    throw new InvalidOperationException("must not connect without a log file");
                })).ToList();
            var log = new CapturingLog();
            await using var step = new SshStep(settings, log, connections);

            // When
            var failure = await Assert.ThrowsAsync<RemoteCommandException>(() =>
                step.RunAsync(RemoteCommand.Of("true")).WaitAsync(TimeSpan.FromSeconds(30)));

            // Then
            Assert.Equal(3, failure.Failures.Count);
            Assert.All(failure.Failures, f => Assert.Contains("cannot open the log file", f.Failure, StringComparison.Ordinal));
            Assert.All(failure.Failures, f => Assert.Contains(notADirectory, f.Failure, StringComparison.Ordinal));
            Assert.Equal(0, prepared);
        }
    }
}
