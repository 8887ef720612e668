using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Workflows.Safety;

/// <summary>A group's tags behind a substitute Auto Scaling port: reads see the tags as they are, writes change them.</summary>
internal sealed class GroupTagStore
{
    private readonly object gate = new();
    private readonly Dictionary<string, string> tags = new(StringComparer.Ordinal);

    public GroupTagStore(AwsServices aws, string groupName)
    {
        aws.AutoScalingGroups.FindGroupAsync(groupName, Arg.Any<CancellationToken>()).Returns(_ =>
        {
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
            }

            return Task.CompletedTask;
        });
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
}
