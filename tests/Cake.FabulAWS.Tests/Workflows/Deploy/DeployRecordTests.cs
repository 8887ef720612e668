using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Deploy;

namespace Cake.FabulAWS.Tests.Workflows.Deploy;

public sealed class DeployRecordTests
{
    [Fact]
    public void Should_Read_Back_A_Record_Split_Over_Several_Tags()
    {
        // Given: enough instances that the record needs more than one 256-character tag value
        var record = Record() with { OldInstances = [.. Enumerable.Range(0, 40).Select(i => $"i-{i:x17}")], WorkerRan = true };

        // When
        var tags = record.ToTags();
        var back = DeployRecord.FromTags(tags);

        // Then
        Assert.True(tags.Count > 1);
        Assert.All(tags, t => Assert.InRange(t.Value.Length, 1, 256));
        Assert.NotNull(back);
        Assert.Equal(record.OldInstances, back.OldInstances);
        Assert.Equal(record.NewSource, back.NewSource);
        Assert.Equal(record.Sizes, back.Sizes);
        Assert.True(back.WorkerRan);
    }

    [Fact]
    public void Should_Read_The_Parts_In_Numeric_Order()
    {
        // Given: more than ten parts, so that :10 sorts before :2 as text
        var tags = (Record() with { OldInstances = [.. Enumerable.Range(0, 200).Select(i => $"i-{i:x17}")] }).ToTags();
        var shuffled = tags.OrderBy(t => t.Key, StringComparer.Ordinal).Reverse().ToDictionary(t => t.Key, t => t.Value);

        // When
        var back = DeployRecord.FromTags(shuffled);

        // Then
        Assert.True(tags.Count > 10);
        Assert.Equal(200, back?.OldInstances.Count);
    }

    [Fact]
    public void Should_Read_No_Record_From_Tags_Without_One_Or_With_A_Damaged_One()
    {
        // Given
        var none = new Dictionary<string, string> { ["Name"] = "web" };
        var damaged = new Dictionary<string, string> { [DeployRecord.TagPrefix + "0"] = "not base64!" };

        // When / Then
        Assert.Null(DeployRecord.FromTags(none));
        Assert.Null(DeployRecord.FromTags(damaged));
    }

    private static DeployRecord Record() => new()
    {
        Kind = "DeploySerial",
        Phase = "replace",
        Holder = "ci@runner",
        Started = new DateTimeOffset(2026, 12, 2, 16, 0, 0, TimeSpan.Zero),
        Commit = new string('a', 40),
        NewSource = LaunchSource.Template("app-lt", "7"),
        OldSource = LaunchSource.Template("app-lt", "6"),
        Sizes = [2, 8, 2],
    };
}
