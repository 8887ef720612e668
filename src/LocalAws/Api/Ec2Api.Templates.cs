using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Launch templates: create, describe, modify, delete.</content>
internal sealed partial class Ec2Api
{
    private void CreateLaunchTemplate(QueryRequest request, XmlOut xml)
    {
        var name = request.Required("LaunchTemplateName");
        if (Cloud.State.LaunchTemplates.Values.Any(t => t.Name == name))
        {
            throw new AwsException("InvalidLaunchTemplateName.AlreadyExistsException", $"Launch template name already in use: {name}.");
        }

        var template = new LaunchTemplate(Cloud.State.NewId("lt"), name, Now) { LastNumber = 1 };
        template.Versions.Add(new LaunchTemplateVersion(1, request.Get("VersionDescription"), Now, LaunchTemplateData.Parse(request.Sub("LaunchTemplateData"), null)));
        foreach (var tag in request.Structs("TagSpecification").SelectMany(s => s.Structs("Tag")))
        {
            template.Tags[tag.Required("Key")] = tag.Get("Value") ?? string.Empty;
        }

        Cloud.State.LaunchTemplates.Add(template.Id, template);
        xml.Element("launchTemplate", x => Ec2Xml.Template(x, template));
    }

    private void DescribeLaunchTemplates(QueryRequest request, XmlOut xml)
    {
        var ids = request.Strings("LaunchTemplateId");
        var names = request.Strings("LaunchTemplateName");
        if (ids.Any(id => !Cloud.State.LaunchTemplates.ContainsKey(id)) || names.Any(n => Cloud.State.FindTemplate(null, n) is null))
        {
            throw new AwsException(ids.Count > 0 ? "InvalidLaunchTemplateId.NotFound" : "InvalidLaunchTemplateName.NotFoundException", "At least one of the launch templates specified in the request does not exist.");
        }

        var filters = Filters(request, "launch-template-name");
        var templates = Cloud.State.LaunchTemplates.Values
            .Where(t => (ids.Count == 0 || ids.Contains(t.Id)) && (names.Count == 0 || names.Contains(t.Name)))
            .Where(t => filters.All(f => f.Name == "launch-template-name" ? Like(f.Values, t.Name) : f.Name.StartsWith("tag", StringComparison.Ordinal) ? TagFilter(t.Tags, f.Name, f.Values) : throw BadFilter(f.Name)))
            .OrderBy(t => t.Created).ToList();
        var (page, next) = Paging.Page(templates, request.Get("NextToken"), request.Int("MaxResults"), 200, 200, "InvalidParameterValue");
        xml.List("launchTemplates", page, Ec2Xml.Template).Leaf("nextToken", next);
    }

    private void ModifyLaunchTemplate(QueryRequest request, XmlOut xml)
    {
        var template = FindTemplate(request.Get("LaunchTemplateId"), request.Get("LaunchTemplateName"));
        if (request.Get("SetDefaultVersion") is { } wanted)
        {
            template.DefaultVersion = template.Resolve(wanted)?.Number
                ?? throw new AwsException("InvalidLaunchTemplateId.VersionNotFound", $"Could not find launch template version {wanted} of {template.Id}.");
        }

        xml.Element("launchTemplate", x => Ec2Xml.Template(x, template));
    }

    /// <summary>Deletes a template and all its versions; groups that use it fail their launches from then on.</summary>
    private void DeleteLaunchTemplate(QueryRequest request, XmlOut xml)
    {
        var template = FindTemplate(request.Get("LaunchTemplateId"), request.Get("LaunchTemplateName"));
        Cloud.State.LaunchTemplates.Remove(template.Id);
        xml.Element("launchTemplate", x => Ec2Xml.Template(x, template));
    }

    private LaunchTemplate FindTemplate(string? id, string? name)
    {
        if (id is null && name is null)
        {
            throw new AwsException("MissingParameter", "The request must contain the parameter LaunchTemplateName or LaunchTemplateId");
        }

        return Cloud.State.FindTemplate(id, name) ?? (id is not null
            ? throw new AwsException("InvalidLaunchTemplateId.NotFound", $"The specified launch template, with template ID {id}, does not exist.")
            : throw new AwsException("InvalidLaunchTemplateName.NotFoundException", $"The specified launch template, with template name {name}, does not exist."));
    }

    /// <summary>RunInstances parameters over what a launch template gives: the fields LocalAws launches with, and the block devices.</summary>
    private static LaunchData RunOverrides(QueryRequest d, LaunchData basis)
    {
        var groups = d.Strings("SecurityGroupId");
        var fields = new Dictionary<string, string>(basis.Fields, StringComparer.Ordinal);
        if (d.Has("BlockDeviceMapping"))
        {
            foreach (var key in fields.Keys.Where(k => FlatFields.Top(k) == "BlockDeviceMapping").ToList())
            {
                fields.Remove(key);
            }

            foreach (var (key, value) in d.Values.Where(v => FlatFields.Top(v.Key) == "BlockDeviceMapping"))
            {
                fields[key] = value;
            }
        }

        return basis with
        {
            Fields = fields,
            ImageId = d.Get("ImageId") ?? basis.ImageId,
            InstanceType = d.Get("InstanceType") ?? basis.InstanceType,
            KeyName = d.Get("KeyName") ?? basis.KeyName,
            UserData = d.Get("UserData") ?? basis.UserData,
            SecurityGroupIds = groups.Count > 0 ? groups : basis.SecurityGroupIds,
            InstanceTags = LaunchTemplateData.InstanceTags(d, new Dictionary<string, string>(basis.InstanceTags, StringComparer.Ordinal)),
        };
    }
}
