using System.Globalization;
using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Launch template versions: create (from a source version), describe, delete.</content>
internal sealed partial class Ec2Api
{
    private void CreateLaunchTemplateVersion(QueryRequest request, XmlOut xml)
    {
        var template = FindTemplate(request.Get("LaunchTemplateId"), request.Get("LaunchTemplateName"));
        var source = request.Get("SourceVersion") is { } s
            ? template.Resolve(s) ?? throw new AwsException("InvalidLaunchTemplateId.VersionNotFound", $"Could not find launch template version {s} of {template.Id}.")
            : null;
        template.LastNumber = Math.Max(template.LastNumber, template.LatestVersion) + 1;
        var version = new LaunchTemplateVersion(template.LastNumber, request.Get("VersionDescription"), Now, LaunchTemplateData.Parse(request.Sub("LaunchTemplateData"), source?.Data));
        template.Versions.Add(version);
        xml.Element("launchTemplateVersion", x => Ec2Xml.TemplateVersion(x, template, version));
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

    /// <summary>Deletes versions one by one: each lands in the successful or the unsuccessful set, and the call answers 200.</summary>
    private void DeleteLaunchTemplateVersions(QueryRequest request, XmlOut xml)
    {
        var template = FindTemplate(request.Get("LaunchTemplateId"), request.Get("LaunchTemplateName"));
        var asked = request.Strings("LaunchTemplateVersion");
        if (asked.Count == 0)
        {
            throw request.Missing("LaunchTemplateVersion");
        }

        var deleted = new List<long>();
        var failed = new List<(string Version, string Code, string Message)>();
        foreach (var text in asked)
        {
            var version = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? template.Versions.Find(v => v.Number == n) : null;
            if (version is null)
            {
                failed.Add((text, "launchTemplateVersionDoesNotExist", "The specified launch template version does not exist."));
            }
            else if (version.Number == template.DefaultVersion)
            {
                failed.Add((text, "unexpectedError", "The version you are trying to delete is the launch template's default version. Set another version as the default, and try again."));
            }
            else
            {
                template.Versions.Remove(version);
                deleted.Add(version.Number);
            }
        }

        xml.List("successfullyDeletedLaunchTemplateVersionSet", deleted, (x, v) => x.Leaf("launchTemplateId", template.Id).Leaf("launchTemplateName", template.Name).Leaf("versionNumber", v))
            .List("unsuccessfullyDeletedLaunchTemplateVersionSet", failed, (x, f) =>
            {
                x.Leaf("launchTemplateId", template.Id).Leaf("launchTemplateName", template.Name);
                if (long.TryParse(f.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    x.Leaf("versionNumber", n);
                }

                x.Element("responseError", y => y.Leaf("code", f.Code).Leaf("message", f.Message));
            });
    }
}
