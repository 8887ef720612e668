using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Workflows.Safety;

/// <summary>A group's tags behind a substitute Auto Scaling port: reads see the tags as they are, writes change them.</summary>
internal sealed class GroupTagStore
{
    private readonly object gate = new();
    private readonly Dictionary<string, string> tags = new(StringComparer.Ordinal);
    private TaskCompletionSource written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? failNextRead;

    public GroupTagStore(AwsServices aws, string groupName)
    {
        aws.AutoScalingGroups.FindGroupAsync(groupName, Arg.Any<CancellationToken>()).Returns(_ =>
        {
            if (Interlocked.Exchange(ref failNextRead, null) is { } failure)
            {
                throw failure;
            }

            lock (gate)
            {
                return new AutoScalingGroup(groupName, 2, 4, 2, null, [], [], [], [], [], new Dictionary<string, string>(tags), "ELB", 60, []);
            }
        });
        aws.AutoScalingGroups.SetTagsAsync(groupName, Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var hook = BeforeNextWrite;
            BeforeNextWrite = null;
            hook?.Invoke();
            lock (gate)
            {
                foreach (var (key, value) in call.ArgAt<IReadOnlyDictionary<string, string>>(1))
                {
                    tags[key] = value;
                }

                Written();
            }

            return Task.CompletedTask;
        });
        aws.AutoScalingGroups.DeleteTagsAsync(groupName, Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            lock (gate)
            {
                foreach (var key in call.ArgAt<IEnumerable<string>>(1))
                {
                    tags.Remove(key);
                }

                Written();
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Sets an error that the next read of the group throws.</summary>
    public Exception? FailNextRead
    {
        set => failNextRead = value;
    }

    /// <summary>Waits until the tags satisfy the condition (checked after every write).</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyDictionary<string, string>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (condition(tags))
                {
                    return;
                }

                next = written.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
            {
                throw new TimeoutException($"The group's tags never showed {what}: {string.Join(", ", Tags.Keys)}");
            }
        }
    }

    /// <summary>Gets or sets what runs once just before the next write takes effect (to interleave two runs).</summary>
    public Action? BeforeNextWrite { get; set; }

    public IReadOnlyDictionary<string, string> Tags
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, string>(tags);
            }
        }
    }

    private void Written()
    {
        var done = written;
        written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.TrySetResult();
    }
}
