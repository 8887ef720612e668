using Cake.Core;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Tests.Configuration;
using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Tests.Support;
using Cake.FabulAWS.Workflows.Safety;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Workflows.Safety;

public sealed class DeployLockTests
{
    private static readonly DeploymentTarget Staging = ConfigText.Parse(ConfigText.Minimal).Resolve("staging");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Should_Hold_The_Lock_While_The_Run_Goes_And_Remove_It_After()
    {
        // Given
        var (services, store, _) = Services();

        // When
        var held = await AcquireAfterSettleAsync(new DeployLock(services), "DeploySerial", "0123abcd");
        var whileHeld = TagChunks.Read<GroupLock>(GroupLock.TagPrefix, store.Tags);
        await held.DisposeAsync();

        // Then
        Assert.Equal(held.Lock.Token, whileHeld?.Token);
        Assert.Equal("DeploySerial", whileHeld?.Purpose);
        Assert.Equal(time.GetUtcNow() - Staging.Timeouts.LockSettle + Staging.Timeouts.LockLease, whileHeld?.Expires);
        Assert.Empty(store.Tags);
    }

    [Fact]
    public async Task Should_Renew_The_Lock_While_The_Run_Goes_So_That_It_Never_Expires_Under_It()
    {
        // Given: a run that goes on for three leases
        var (services, store, _) = Services();
        var held = await AcquireAfterSettleAsync(new DeployLock(services), "DeploySerial", null);
        var (other, _, _) = Services();
        for (var renewal = 1; renewal <= 9; renewal++)
        {
            time.Advance(Staging.Timeouts.LockLease / 3);
            var due = time.GetUtcNow() + Staging.Timeouts.LockLease;
            await store.WaitUntilAsync(tags => TagChunks.Read<GroupLock>(GroupLock.TagPrefix, tags)?.Expires == due, $"renewal {renewal} to {due:u}");
        }

        // When: another run (its holder is on another machine, so only the expiry speaks for it)
        await Write(other, TagChunks.Read<GroupLock>(GroupLock.TagPrefix, store.Tags)! with { Host = "ci-runner-7" });
        var error = await Assert.ThrowsAsync<CakeException>(() => new DeployLock(other).AcquireAsync("DeployFull", null, CancellationToken.None));
        await held.DisposeAsync();

        // Then
        Assert.Contains("expires in 10 min", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.Tags);
    }

    [Fact]
    public async Task Should_Warn_And_Stop_Renewing_When_Another_Run_Broke_The_Lock()
    {
        // Given
        var (services, store, log) = Services();
        var held = await AcquireAfterSettleAsync(new DeployLock(services), "DeploySerial", null);
        var breaker = Other() with { Host = "ci-runner-7" };
        await Write(services, breaker);

        // When
        time.Advance(Staging.Timeouts.LockLease / 3);
        await held.Renewing.WaitAsync(TimeSpan.FromSeconds(30));

        // Then
        Assert.Equal(breaker, TagChunks.Read<GroupLock>(GroupLock.TagPrefix, store.Tags));
        Assert.Contains(log.Lines, l => l.StartsWith("The lock of app/staging is no longer this run's (alice@laptop (DeploySerial of 0123456789ab)", StringComparison.Ordinal) && l.EndsWith("another run may change the group at the same time. Stop one of them if both deploy.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Try_A_Failed_Renewal_Again_At_The_Next()
    {
        // Given: the first renewal's read fails
        var (services, store, log) = Services();
        var held = await AcquireAfterSettleAsync(new DeployLock(services), "DeploySerial", null);
        store.FailNextRead = new HttpRequestException("connection reset");

        // When
        time.Advance(Staging.Timeouts.LockLease / 3);
        await log.WaitForAsync(l => l.StartsWith("Could not renew the deploy lock (connection reset); trying again in 200 s", StringComparison.Ordinal));
        time.Advance(Staging.Timeouts.LockLease / 3);
        var due = time.GetUtcNow() + Staging.Timeouts.LockLease;

        // Then
        await store.WaitUntilAsync(tags => TagChunks.Read<GroupLock>(GroupLock.TagPrefix, tags)?.Expires == due, "the second renewal");
        await held.DisposeAsync();
        Assert.Empty(store.Tags);
    }

    [Fact]
    public async Task Should_Refuse_At_Once_When_A_Live_Run_On_Another_Machine_Holds_It()
    {
        // Given
        var (services, store, log) = Services();
        var other = Other() with { Host = "ci-runner-7" };
        await Write(services, other);
        time.Advance(TimeSpan.FromMinutes(3));

        // When
        var error = await Assert.ThrowsAsync<CakeException>(() => new DeployLock(services).AcquireAsync("DeployFull", null, CancellationToken.None));

        // Then
        Assert.Equal(
            "DeployFull refused: app/staging is locked by alice@laptop (DeploySerial of 0123456789ab) since 2026-12-02 09:00:00 UTC (3 min ago), expires in 57 min. Wait for that run to end, or add --break-lock if it is not running any more. Nothing was changed.",
            error.Message);
        Assert.Equal(other.Token, TagChunks.Read<GroupLock>(GroupLock.TagPrefix, store.Tags)?.Token);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public async Task Should_Name_Unlock_When_The_Lock_Was_Taken_By_Hand()
    {
        // Given
        var (services, _, _) = Services();
        await Write(services, Other() with { Purpose = "Lock", Commit = null, Expires = null, ProcessId = 0, Message = "release freeze" });

        // When
        var error = await Assert.ThrowsAsync<CakeException>(() => new DeployLock(services).AcquireAsync("DeploySerial", null, CancellationToken.None));

        // Then
        Assert.Contains("is locked by alice@laptop (Lock) since 2026-12-02 09:00:00 UTC (0 s ago), until someone runs Unlock: \"release freeze\". It was locked by hand: run --target=Unlock when deploys may go on.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Break_An_Expired_Lock_With_A_Warning()
    {
        // Given
        var (services, store, log) = Services();
        await Write(services, Other() with { Host = "ci-runner-7" });
        time.Advance(TimeSpan.FromHours(2));

        // When
        var held = await AcquireAfterSettleAsync(new DeployLock(services), "DeploySerial", null);

        // Then
        Assert.Equal(held.Lock.Token, TagChunks.Read<GroupLock>(GroupLock.TagPrefix, store.Tags)?.Token);
        Assert.Contains(log.Lines, l => l.StartsWith("Breaking the lock of app/staging: alice@laptop (DeploySerial of 0123456789ab)", StringComparison.Ordinal) && l.EndsWith("(it expired).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Break_The_Lock_Of_A_Process_On_This_Machine_That_Is_Gone()
    {
        // Given: a run on this machine that was killed (SIGKILL leaves its lock)
        var (services, _, log) = Services();
        await Write(services, Other() with { Host = Environment.MachineName, ProcessId = 4242 });

        // When
        await AcquireAfterSettleAsync(new DeployLock(services, _ => null), "DeploySerial", null);

        // Then
        Assert.Contains(log.Lines, l => l.EndsWith("(its process 4242 on this machine is gone).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Not_Take_A_Reused_Process_Id_For_The_Holder()
    {
        // Given: process 4242 exists, but started after the lock was written
        var (services, _, log) = Services();
        var other = Other() with { Host = Environment.MachineName, ProcessId = 4242, ProcessStarted = time.GetUtcNow() };
        await Write(services, other);

        // When
        await AcquireAfterSettleAsync(new DeployLock(services, _ => other.ProcessStarted!.Value.AddMinutes(5)), "DeploySerial", null);

        // Then
        Assert.Contains(log.Lines, l => l.EndsWith("(its process 4242 on this machine is gone).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Keep_Refusing_While_The_Holding_Process_On_This_Machine_Runs()
    {
        // Given
        var (services, _, _) = Services();
        var other = Other() with { Host = Environment.MachineName, ProcessId = 4242, ProcessStarted = time.GetUtcNow() };
        await Write(services, other);

        // When / Then
        await Assert.ThrowsAsync<CakeException>(() => new DeployLock(services, _ => other.ProcessStarted).AcquireAsync("DeploySerial", null, CancellationToken.None));
    }

    [Fact]
    public async Task Should_Break_A_Live_Lock_With_Break_Lock()
    {
        // Given
        var (services, _, log) = Services(new EnvironmentOptions { BreakLock = true });
        await Write(services, Other() with { Host = "ci-runner-7" });

        // When
        await AcquireAfterSettleAsync(new DeployLock(services), "DeploySerial", null);

        // Then
        Assert.Contains(log.Lines, l => l.StartsWith("Breaking the lock of app/staging (--break-lock): alice@laptop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Let_Exactly_One_Of_Two_Runs_That_Wrote_At_Once_Go_On()
    {
        // Given: the second run reads the tags after the first read them and before the first's write lands
        var (first, store, _) = Services();
        var second = TestServices.For(Staging, new EnvironmentOptions(), Substitute.For<IRemoteHosts>(), new CapturingLog(), first.Aws, time: time);
        Task<HeldLock>? secondRun = null;
        store.BeforeNextWrite = () => secondRun = new DeployLock(second).AcquireAsync("DeployFull", null, CancellationToken.None);

        // When
        var firstRun = new DeployLock(first).AcquireAsync("DeploySerial", null, CancellationToken.None);
        Assert.NotNull(secondRun);
        time.Advance(Staging.Timeouts.LockSettle);
        var outcomes = await Task.WhenAll(Outcome(firstRun), Outcome(secondRun!));

        // Then: the later write wins; the other run is refused naming it
        Assert.Equal("proceeds", outcomes[0]);
        Assert.StartsWith("DeployFull refused: another run took the lock of app/staging at the same moment: ", outcomes[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Leave_A_Lock_That_Someone_Broke_Meanwhile()
    {
        // Given
        var (services, store, log) = Services();
        var held = await AcquireAfterSettleAsync(new DeployLock(services), "DeploySerial", null);
        var breaker = Other() with { Host = "ci-runner-7" };
        await Write(services, breaker);

        // When
        await held.DisposeAsync();

        // Then
        Assert.Equal(breaker.Token, TagChunks.Read<GroupLock>(GroupLock.TagPrefix, store.Tags)?.Token);
        Assert.Contains(log.Lines, l => l.StartsWith("The lock of app/staging is no longer this run's (alice@laptop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Unlock_A_Lock_Taken_By_Hand_And_Refuse_To_Unlock_A_Live_Run_Without_Break_Lock()
    {
        // Given
        var (services, store, _) = Services();
        var locking = new DeployLock(services).LockByHandAsync("freeze", CancellationToken.None);
        time.Advance(Staging.Timeouts.LockSettle);
        var byHand = await locking;

        // When
        var lockedByHand = TagChunks.Read<GroupLock>(GroupLock.TagPrefix, store.Tags);
        await new DeployLock(services).UnlockAsync(CancellationToken.None);
        var afterUnlock = store.Tags;
        await Write(services, Other() with { Host = Environment.MachineName, ProcessId = Environment.ProcessId, ProcessStarted = null });
        var error = await Assert.ThrowsAsync<CakeException>(() => new DeployLock(services).UnlockAsync(CancellationToken.None));

        // Then
        Assert.Equal((byHand.Token, "Lock", null), (lockedByHand?.Token, lockedByHand?.Purpose, lockedByHand?.Expires));
        Assert.Empty(afterUnlock);
        Assert.StartsWith("app/staging is locked by a run that is still going: alice@laptop", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("add --break-lock to remove this one anyway. Nothing was changed.", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> Outcome(Task<HeldLock> run)
    {
        try
        {
            await run;
            return "proceeds";
        }
        catch (CakeException e)
        {
            return e.Message;
        }
    }

    private async Task<HeldLock> AcquireAfterSettleAsync(DeployLock deployLock, string purpose, string? commit)
    {
        var acquiring = deployLock.AcquireAsync(purpose, commit, CancellationToken.None);
        time.Advance(Staging.Timeouts.LockSettle);
        return await acquiring;
    }

    private (EnvironmentServices Services, GroupTagStore Store, CapturingLog Log) Services(EnvironmentOptions? options = null)
    {
        var log = new CapturingLog();
        var aws = TestServices.Aws();
        var store = new GroupTagStore(aws, Staging.AutoScalingGroupName);
        return (TestServices.For(Staging, options ?? new EnvironmentOptions(), Substitute.For<IRemoteHosts>(), log, aws, time: time), store, log);
    }

    private GroupLock Other() => new()
    {
        Holder = "alice@laptop",
        Purpose = "DeploySerial",
        Commit = "0123456789abcdef0123456789abcdef01234567",
        Since = time.GetUtcNow(),
        Expires = time.GetUtcNow() + TimeSpan.FromHours(1),
        Host = "laptop",
        ProcessId = 99,
        Token = Guid.NewGuid().ToString("N"),
    };

    private static Task Write(EnvironmentServices services, GroupLock value) =>
        services.Aws.AutoScalingGroups.SetTagsAsync(services.Target.AutoScalingGroupName, TagChunks.Write(GroupLock.TagPrefix, value), false, CancellationToken.None);
}
