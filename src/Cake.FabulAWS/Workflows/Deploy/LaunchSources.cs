using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>Which instances a launch source launched: same template (by name or id) and version, or same launch configuration.</summary>
internal static class LaunchSources
{
    public static bool Same(LaunchSource? a, LaunchSource? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        if (a.LaunchConfigurationName is not null || b.LaunchConfigurationName is not null)
        {
            return a.LaunchConfigurationName == b.LaunchConfigurationName;
        }

        var sameTemplate = (a.LaunchTemplateId is not null && a.LaunchTemplateId == b.LaunchTemplateId)
            || (a.LaunchTemplateName is not null && a.LaunchTemplateName == b.LaunchTemplateName);
        return sameTemplate && a.LaunchTemplateVersion == b.LaunchTemplateVersion;
    }
}
