using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Deploy;

namespace Cake.FabulAWS.Tests.Workflows.Deploy;

public sealed class LaunchSourcesTests
{
    public static TheoryData<LaunchSource?, LaunchSource?, bool> Pairs => new()
    {
        { LaunchSource.Template("app-lt", "3"), LaunchSource.Template("app-lt", "3"), true },
        { LaunchSource.Template("app-lt", "3"), LaunchSource.Template("app-lt", "4"), false },
        { LaunchSource.Template("app-lt", "3"), LaunchSource.Template("other-lt", "3"), false },
        { new LaunchSource(LaunchTemplateId: "lt-1", LaunchTemplateVersion: "3"), new LaunchSource(LaunchTemplateId: "lt-1", LaunchTemplateName: "app-lt", LaunchTemplateVersion: "3"), true },
        { LaunchSource.Configuration("app_lc_2"), LaunchSource.Configuration("app_lc_2"), true },
        { LaunchSource.Configuration("app_lc_2"), LaunchSource.Template("app_lc_2", "1"), false },
        { null, LaunchSource.Template("app-lt", "3"), false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Should_Tell_Whether_An_Instance_Runs_The_Launch_Source(LaunchSource? a, LaunchSource? b, bool same)
    {
        // When / Then: symmetric
        Assert.Equal(same, LaunchSources.Same(a, b));
        Assert.Equal(same, LaunchSources.Same(b, a));
    }
}
