using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.AutoScaling;

/// <summary>Writes the Auto Scaling input shapes that several operations share (LaunchTemplateSpecification, Tag).</summary>
internal static class AutoScalingParameters
{
    /// <summary>Adds a launch template (<c>{prefix}LaunchTemplate.*</c>) or a launch configuration name.</summary>
    public static QueryRequest AddLaunchSource(this QueryRequest request, LaunchSource? source, string prefix = "")
    {
        if (source is null)
        {
            return request;
        }

        if (source.LaunchConfigurationName is { } configuration)
        {
            return request.Add(prefix + "LaunchConfigurationName", configuration);
        }

        return request
            .Add(prefix + "LaunchTemplate.LaunchTemplateId", source.LaunchTemplateId)
            .Add(prefix + "LaunchTemplate.LaunchTemplateName", source.LaunchTemplateId is null ? source.LaunchTemplateName : null)
            .Add(prefix + "LaunchTemplate.Version", source.LaunchTemplateVersion);
    }

    /// <summary>Adds <c>Tags.member.N.*</c> for a group: ResourceId, ResourceType, Key and, unless deleting, Value and PropagateAtLaunch.</summary>
    public static QueryRequest AddGroupTags(this QueryRequest request, string groupName, IEnumerable<KeyValuePair<string, string?>>? tags, bool? propagateAtLaunch) =>
        request.AddStructures("Tags", tags, (prefix, tag, r) => r
            .Add(prefix + ".ResourceId", groupName)
            .Add(prefix + ".ResourceType", "auto-scaling-group")
            .Add(prefix + ".Key", tag.Key)
            .Add(prefix + ".Value", tag.Value)
            .Add(prefix + ".PropagateAtLaunch", propagateAtLaunch));
}
