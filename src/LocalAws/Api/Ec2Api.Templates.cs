using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Launch templates and their versions.</content>
internal sealed partial class Ec2Api
{
    private void CreateLaunchTemplate(QueryRequest request, XmlOut xml)
    {
        var name = request.Required("LaunchTemplateName");
        if (Cloud.State.LaunchTemplates.Values.Any(t => t.Name == name))
        {
            throw new AwsException("InvalidLaunchTemplateName.AlreadyExistsException", $"Launch template name already in use: {name}.");
        }

        var template = new LaunchTemplate(Cloud.State.NewId("lt"), name, Now);
        template.Versions.Add(new LaunchTemplateVersion(1, request.Get("VersionDescription"), Now, ParseLaunchData(request.Sub("LaunchTemplateData"), new LaunchData())));
        foreach (var tag in request.Structs("TagSpecification").SelectMany(s => s.Structs("Tag")))
        {
            template.Tags[tag.Required("Key")] = tag.Get("Value") ?? string.Empty;
        }

        Cloud.State.LaunchTemplates.Add(template.Id, template);
        xml.Element("launchTemplate", x => Ec2Xml.Template(x, template));
    }

    private void CreateLaunchTemplateVersion(QueryRequest request, XmlOut xml)
    {
        var template = FindTemplate(request.Get("LaunchTemplateId"), request.Get("LaunchTemplateName"));
        var source = request.Get("SourceVersion") is { } s
            ? template.Resolve(s) ?? throw new AwsException("InvalidLaunchTemplateId.VersionNotFound", $"Could not find launch template version {s} of {template.Id}.")
            : null;
        var version = new LaunchTemplateVersion(template.LatestVersion + 1, request.Get("VersionDescription"), Now, ParseLaunchData(request.Sub("LaunchTemplateData"), source?.Data ?? new LaunchData()));
        template.Versions.Add(version);
        xml.Element("launchTemplateVersion", x => Ec2Xml.TemplateVersion(x, template, version));
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

    private void DescribeLaunchTemplateVersions(QueryRequest request, XmlOut xml)
    {
        var template = FindTemplate(request.Get("LaunchTemplateId"), request.Get("LaunchTemplateName"));
        var wanted = request.Strings("LaunchTemplateVersion");
        var min = long.TryParse(request.Get("MinVersion"), out var lo) ? lo : long.MinValue;
        var max = long.TryParse(request.Get("MaxVersion"), out var hi) ? hi : long.MaxValue;
        var versions = wanted.Count > 0
            ? wanted.Select(w => template.Resolve(w) ?? throw new AwsException("InvalidLaunchTemplateId.VersionNotFound", $"Could not find launch template version {w} of {template.Id}.")).Distinct().ToList()
            : template.Versions.Where(v => v.Number >= min && v.Number <= max).OrderByDescending(v => v.Number).ToList();
        var (page, next) = Paging.Page(versions, request.Get("NextToken"), request.Int("MaxResults"), 200, 200, "InvalidParameterValue");
        xml.List("launchTemplateVersionSet", page, (x, v) => Ec2Xml.TemplateVersion(x, template, v)).Leaf("nextToken", next);
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

    /// <summary>Reads launch data (RunInstances parameters or LaunchTemplateData) over a basis.</summary>
    private static LaunchData ParseLaunchData(QueryRequest d, LaunchData basis)
    {
        var tags = new Dictionary<string, string>(basis.InstanceTags, StringComparer.Ordinal);
        foreach (var spec in d.Structs("TagSpecification").Where(s => s.Get("ResourceType") is null or "instance"))
        {
            foreach (var tag in spec.Structs("Tag"))
            {
                tags[tag.Required("Key")] = tag.Get("Value") ?? string.Empty;
            }
        }

        var groups = d.Strings("SecurityGroupId");
        return basis with
        {
            ImageId = d.Get("ImageId") ?? basis.ImageId,
            InstanceType = d.Get("InstanceType") ?? basis.InstanceType,
            KeyName = d.Get("KeyName") ?? basis.KeyName,
            UserData = d.Get("UserData") ?? basis.UserData,
            SecurityGroupIds = groups.Count > 0 ? groups : basis.SecurityGroupIds,
            InstanceTags = tags,
        };
    }
}
