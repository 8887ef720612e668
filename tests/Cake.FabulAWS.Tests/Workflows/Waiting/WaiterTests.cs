using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Tests.Support;
using Cake.FabulAWS.Workflows.Waiting;

namespace Cake.FabulAWS.Tests.Workflows.Waiting;

public sealed class WaiterTests
{
    public sealed class TheUntilAsyncMethod
    {
        private readonly SteppingTime time = new();
        private readonly CapturingLog log = new();

        private Waiter Waiter => new(time, log);

        [Fact]
        public async Task Should_Return_The_First_State_That_Satisfies_The_Condition_Polling_In_Between()
        {
            // Given
            var polls = 0;
            var wait = new Wait<int>("3 instances InService", TimeSpan.FromMinutes(10), _ => Task.FromResult(++polls), n => n == 3) { Poll = TimeSpan.FromSeconds(5) };

            // When
            var state = await Waiter.UntilAsync(wait);

            // Then
            Assert.Equal(3, state);
            Assert.Equal(TimeSpan.FromSeconds(10), time.Elapsed);
            Assert.Equal(["  waiting for 3 instances InService: 1", "  waiting for 3 instances InService: 2"], log.Lines.Where(l => l.StartsWith("  waiting", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task Should_Log_A_State_Once_While_It_Does_Not_Change()
        {
            // Given
            var polls = 0;
            var wait = new Wait<int>("the image", TimeSpan.FromMinutes(10), _ => Task.FromResult(++polls), n => n == 5) { Describe = n => n < 5 ? "pending" : "available" };

            // When
            await Waiter.UntilAsync(wait);

            // Then
            Assert.Equal(["  waiting for the image: pending"], log.Lines.Where(l => l.StartsWith("  waiting", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task Should_Stop_At_The_Deadline_Saying_What_It_Saw_Last_And_Where_The_Deadline_Is_Set()
        {
            // Given
            var wait = new Wait<string>("i-1 healthy in web-lb", TimeSpan.FromSeconds(60), _ => Task.FromResult("i-1 OutOfService (Instance has failed at least the UnhealthyThreshold number of health checks consecutively.)"), _ => false)
            {
                Poll = TimeSpan.FromSeconds(25),
                DeadlineSetting = "timeouts.instance_healthy",
            };

            // When
            var error = await Record.ExceptionAsync(() => Waiter.UntilAsync(wait));

            // Then
            var timeout = Assert.IsType<WaitTimedOutException>(error);
            Assert.Equal("Timed out after 60 s waiting for i-1 healthy in web-lb (timeouts.instance_healthy in fabulaws-config.yml). Last seen: i-1 OutOfService (Instance has failed at least the UnhealthyThreshold number of health checks consecutively.).", timeout.Message);
            Assert.Equal(TimeSpan.FromSeconds(60), time.Elapsed);
        }

        [Fact]
        public async Task Should_Stop_At_Once_When_The_Fail_Fast_Check_Gives_A_Reason()
        {
            // Given
            var polls = 0;
            var wait = new Wait<int>("2 new instances", TimeSpan.FromHours(1), _ => Task.FromResult(++polls), _ => false)
            {
                FailFast = n => n == 2 ? "launching failed: InvalidAMIID.NotFound" : null,
            };

            // When
            var error = await Record.ExceptionAsync(() => Waiter.UntilAsync(wait));

            // Then
            var failed = Assert.IsType<WaitFailedException>(error);
            Assert.Equal("Stopped waiting for 2 new instances after 5 s: launching failed: InvalidAMIID.NotFound. Last seen: 2.", failed.Message);
            Assert.Equal(2, polls);
        }

        [Fact]
        public async Task Should_Give_Up_When_Cancelled()
        {
            // Given
            using var cancel = new CancellationTokenSource();
            var polls = 0;
            var wait = new Wait<int>("forever", TimeSpan.FromHours(1), _ =>
            {
                if (++polls == 3)
                {
                    cancel.Cancel();
                }

                return Task.FromResult(polls);
            }, _ => false);

            // When
            var error = await Record.ExceptionAsync(() => Waiter.UntilAsync(wait, cancel.Token));

            // Then
            Assert.IsAssignableFrom<OperationCanceledException>(error);
            Assert.Equal(3, polls);
        }
    }
}
