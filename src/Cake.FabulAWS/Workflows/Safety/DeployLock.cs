using System.Diagnostics;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Deploy;

namespace Cake.FabulAWS.Workflows.Safety;

/// <summary>
/// One run at a time per environment: the lock is tags on the group. Tags have no compare-and-set, so a run writes
/// its lock, waits <c>timeouts.lock_settle_ms</c> and reads it back; only the run that still finds its own token
/// goes on. While the run goes, it renews its lock every third of <c>timeouts.lock_lease</c>. A lock that expired,
/// or whose process on this machine is gone, is broken with a warning; <c>--break-lock</c> breaks a live one.
/// </summary>
/// <param name="services">The run's services.</param>
/// <param name="processStarted">When a local process started, or null when it does not run (a seam for tests).</param>
internal sealed class DeployLock(EnvironmentServices services, Func<int, DateTimeOffset?>? processStarted = null)
{
    private readonly Func<int, DateTimeOffset?> processStarted = processStarted ?? LocalProcessStart;

    private string GroupName => services.Target.AutoScalingGroupName;

    private string Environment => $"{services.Target.Deployment}/{services.Target.Environment}";

    /// <summary>Reads the lock on the group.</summary>
    public async Task<GroupLock?> ReadAsync(CancellationToken cancellationToken) => TagChunks.Read<GroupLock>(GroupLock.TagPrefix, await TagsAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Takes the lock for a run of <paramref name="purpose"/>, or refuses with who holds it.</summary>
    /// <param name="purpose">The target.</param>
    /// <param name="commit">The commit the run deploys, when known.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The held lock; dispose it to release.</returns>
    /// <exception cref="CakeException">Another run holds it; nothing was changed.</exception>
    public async Task<HeldLock> AcquireAsync(string purpose, string? commit, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        using var self = Process.GetCurrentProcess();
        var mine = new GroupLock
        {
            Holder = DeployHolder.Describe(services.Variables),
            Purpose = purpose,
            Commit = commit,
            Since = now,
            Expires = now + services.Target.Timeouts.LockLease,
            Host = System.Environment.MachineName,
            ProcessId = System.Environment.ProcessId,
            ProcessStarted = self.StartTime.ToUniversalTime(),
            Token = Guid.NewGuid().ToString("N"),
        };
        await TakeAsync(mine, purpose, cancellationToken).ConfigureAwait(false);
        return new HeldLock(this, mine, services.Target.Timeouts.LockLease / 3, services.Time, services.Log);
    }

    /// <summary>The Lock target: a lock without expiry that stops every changing run until Unlock.</summary>
    public async Task<GroupLock> LockByHandAsync(string? message, CancellationToken cancellationToken)
    {
        var mine = HandLock(message);
        await TakeAsync(mine, "Lock", cancellationToken).ConfigureAwait(false);
        services.Log.Information("{0} is locked: {1}. Changing targets are refused until --target=Unlock.", Environment, mine.Describe(mine.Since));
        return mine;
    }

    /// <summary>The lock the Lock target writes: no expiry, no process.</summary>
    internal GroupLock HandLock(string? message) => new()
    {
        Holder = DeployHolder.Describe(services.Variables),
        Purpose = "Lock",
        Message = message,
        Since = services.Time.GetUtcNow(),
        Host = System.Environment.MachineName,
        Token = Guid.NewGuid().ToString("N"),
    };

    /// <summary>The Unlock target: removes a lock taken by hand, a stale one, or (with --break-lock) a live run's.</summary>
    public async Task UnlockAsync(CancellationToken cancellationToken)
    {
        var tags = await TagsAsync(cancellationToken).ConfigureAwait(false);
        var current = TagChunks.Read<GroupLock>(GroupLock.TagPrefix, tags);
        var now = services.Time.GetUtcNow();
        if (current is null)
        {
            services.Log.Information("{0} is not locked: nothing to do.", Environment);
            return;
        }

        if (current.ProcessId != 0 && StaleReason(current, now) is null && !services.Options.BreakLock)
        {
            throw new CakeException($"{Environment} is locked by a run that is still going: {current.Describe(now)}. Unlock removes locks taken with the Lock target; add --break-lock to remove this one anyway. Nothing was changed.");
        }

        await TagChunks.RemoveAsync(services.Aws.AutoScalingGroups, GroupName, GroupLock.TagPrefix, tags, cancellationToken).ConfigureAwait(false);
        services.Log.Information("{0} is unlocked (it was locked by {1}).", Environment, current.Describe(now));
    }

    /// <summary>Moves the lock's expiry one lease on, if the lock is still this run's.</summary>
    /// <returns>The renewed lock, or null when someone else holds it now (said in a warning).</returns>
    internal async Task<GroupLock?> RenewAsync(GroupLock mine, CancellationToken cancellationToken)
    {
        var tags = await TagsAsync(cancellationToken).ConfigureAwait(false);
        var current = TagChunks.Read<GroupLock>(GroupLock.TagPrefix, tags);
        var now = services.Time.GetUtcNow();
        if (current?.Token != mine.Token)
        {
            services.Log.Warning(
                "The lock of {0} is no longer this run's ({1}): another run may change the group at the same time. Stop one of them if both deploy.",
                Environment,
                current?.Describe(now) ?? "removed by someone else");
            return null;
        }

        var renewed = mine with { Expires = now + services.Target.Timeouts.LockLease };
        await TagChunks.ReplaceAsync(services.Aws.AutoScalingGroups, GroupName, GroupLock.TagPrefix, renewed, tags, cancellationToken).ConfigureAwait(false);
        return renewed;
    }

    /// <summary>Removes the lock if it is still the one written: a lock broken by someone else is theirs now.</summary>
    internal async Task ReleaseAsync(GroupLock mine, CancellationToken cancellationToken)
    {
        try
        {
            await RemoveIfMineAsync(mine, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // the run's own outcome matters more than this: say how the lock goes away
            services.Log.Warning("Could not release the lock of {0} ({1}); it expires {2:u}, or run --target=Unlock --break-lock.", Environment, e.Message, mine.Expires);
        }
    }

    private async Task RemoveIfMineAsync(GroupLock mine, CancellationToken cancellationToken)
    {
        var tags = await TagsAsync(cancellationToken).ConfigureAwait(false);
        var current = TagChunks.Read<GroupLock>(GroupLock.TagPrefix, tags);
        if (current?.Token != mine.Token)
        {
            services.Log.Warning("The lock of {0} is no longer this run's ({1}): left as it is.", Environment, current?.Describe(services.Time.GetUtcNow()) ?? "removed by someone else");
            return;
        }

        await TagChunks.RemoveAsync(services.Aws.AutoScalingGroups, GroupName, GroupLock.TagPrefix, tags, cancellationToken).ConfigureAwait(false);
    }

    private async Task TakeAsync(GroupLock mine, string purpose, CancellationToken cancellationToken)
    {
        var tags = await TagsAsync(cancellationToken).ConfigureAwait(false);
        var now = services.Time.GetUtcNow();
        if (TagChunks.Read<GroupLock>(GroupLock.TagPrefix, tags) is { } current)
        {
            if (StaleReason(current, now) is { } stale)
            {
                services.Log.Warning("Breaking the lock of {0}: {1} ({2}).", Environment, current.Describe(now), stale);
            }
            else if (services.Options.BreakLock)
            {
                services.Log.Warning("Breaking the lock of {0} (--break-lock): {1}.", Environment, current.Describe(now));
            }
            else
            {
                var how = current.ProcessId == 0
                    ? "It was locked by hand: run --target=Unlock when deploys may go on."
                    : "Wait for that run to end, or add --break-lock if it is not running any more.";
                throw new CakeException($"{purpose} refused: {Environment} is locked by {current.Describe(now)}. {how} Nothing was changed.");
            }
        }

        await TagChunks.ReplaceAsync(services.Aws.AutoScalingGroups, GroupName, GroupLock.TagPrefix, mine, tags, cancellationToken).ConfigureAwait(false);

        await Task.Delay(services.Target.Timeouts.LockSettle, services.Time, cancellationToken).ConfigureAwait(false);
        var back = TagChunks.Read<GroupLock>(GroupLock.TagPrefix, await TagsAsync(cancellationToken).ConfigureAwait(false));
        if (back?.Token != mine.Token)
        {
            throw new CakeException($"{purpose} refused: another run took the lock of {Environment} at the same moment: {back?.Describe(services.Time.GetUtcNow()) ?? "and released it"}. Nothing was changed.");
        }
    }

    /// <summary>Why a lock no longer holds (expired, its process gone), or null while it holds.</summary>
    internal string? StaleReason(GroupLock current, DateTimeOffset now)
    {
        if (current.Expires is { } expires && expires <= now)
        {
            return "it expired";
        }

        if (current.ProcessId != 0 && current.Host == System.Environment.MachineName
            && (processStarted(current.ProcessId) is not { } started || (current.ProcessStarted is { } then && Math.Abs((started - then).TotalSeconds) > 1)))
        {
            return $"its process {current.ProcessId} on this machine is gone";
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<string, string>> TagsAsync(CancellationToken cancellationToken)
    {
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(GroupName, cancellationToken).ConfigureAwait(false)
            ?? throw new CakeException($"Auto Scaling group '{GroupName}' of {Environment} not found (auto_scaling_groups in fabulaws-config.yml).");
        return group.Tags;
    }

    private static DateTimeOffset? LocalProcessStart(int id)
    {
        if (IsZombie(id))
        {
            return null; // killed, not yet reaped by its new parent: gone all the same
        }

        try
        {
            using var process = Process.GetProcessById(id);
            return process.HasExited ? null : process.StartTime.ToUniversalTime();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static bool IsZombie(int id)
    {
        try
        {
            // /proc/<pid>/stat is "pid (comm) state ...", and comm may hold spaces or parentheses
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var state = stat[(stat.LastIndexOf(')') + 1)..].TrimStart();
            return state.Length > 0 && state[0] is 'Z' or 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // not Linux, or no such process (the Process lookup says so)
        }
    }
}

/// <summary>
/// A lock this run holds, renewed every third of its lease until it is disposed; disposing releases it
/// (bounded, whatever ended the run). A renewal that fails is tried again at the next; one that finds another run's
/// lock warns and stops.
/// </summary>
internal sealed class HeldLock : IAsyncDisposable
{
    private readonly DeployLock owner;
    private readonly TimeSpan renewEvery;
    private readonly TimeProvider time;
    private readonly ICakeLog log;
    private readonly CancellationTokenSource stop = new();
    private GroupLock held;

    public HeldLock(DeployLock owner, GroupLock held, TimeSpan renewEvery, TimeProvider time, ICakeLog log)
    {
        this.owner = owner;
        this.held = held;
        this.renewEvery = renewEvery;
        this.time = time;
        this.log = log;
        Renewing = RenewAsync(stop.Token); // its first wait starts before the constructor returns
    }

    public GroupLock Lock => held;

    /// <summary>Gets the renewals; the task ends when the lock was lost or the lock is disposed.</summary>
    internal Task Renewing { get; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await Renewing.ConfigureAwait(false);
        stop.Dispose();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await owner.ReleaseAsync(held, deadline.Token).ConfigureAwait(false);
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            // due times, not fixed pauses: a renewal that ran late (a laptop that slept) is not followed by a burst
            var due = time.GetUtcNow() + renewEvery;
            while (true)
            {
                if (due - time.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }

                due = due + renewEvery <= time.GetUtcNow() ? time.GetUtcNow() + renewEvery : due + renewEvery;
                try
                {
                    if (await owner.RenewAsync(held, cancellationToken).ConfigureAwait(false) is not { } renewed)
                    {
                        return;
                    }

                    held = renewed;
                }
                catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
                {
                    log.Warning("Could not renew the deploy lock ({0}); trying again in {1:0} s, before it expires {2:u}.", e.Message, renewEvery.TotalSeconds, held.Expires);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // disposed: the run is over and releases the lock
        }
    }
}
