using Amazon.EC2;
using Amazon.EC2.Model;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.Ec2;

/// <summary><see cref="ILaunchTemplates"/> on AWSSDK.EC2, plus the template lookup provisioning needs.</summary>
internal sealed class Ec2LaunchTemplates(Func<IAmazonEC2> ec2, Func<string> region) : Ec2Adapter(ec2, region), ILaunchTemplates
{
    private static readonly string[] MissingCodes =
        ["InvalidLaunchTemplateName.NotFoundException", "InvalidLaunchTemplateId.NotFound", "InvalidLaunchTemplateId.VersionNotFound", "InvalidLaunchTemplateName.MalformedException"];

    public static LaunchTemplateSpecification Specification(LaunchSource source) => new()
    {
        LaunchTemplateId = source.LaunchTemplateId,
        LaunchTemplateName = source.LaunchTemplateId is null ? source.LaunchTemplateName : null,
        Version = source.LaunchTemplateVersion,
    };

    public async Task<Ports.LaunchTemplateVersion?> FindVersionAsync(string templateName, string version, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CallAsync("DescribeLaunchTemplateVersions", Resource(templateName, version), async () =>
            {
                var request = new DescribeLaunchTemplateVersionsRequest { LaunchTemplateName = templateName, Versions = [version] };
                var response = await Ec2.DescribeLaunchTemplateVersionsAsync(request, cancellationToken).ConfigureAwait(false);
                return (response.LaunchTemplateVersions ?? []).Select(Ec2Mapping.Version).FirstOrDefault();
            }).ConfigureAwait(false);
        }
        catch (AwsOperationException e) when (MissingCodes.Contains(e.ErrorCode))
        {
            return null;
        }
    }

    public Task<Ports.LaunchTemplateVersion> CreateTemplateAsync(string templateName, LaunchTemplateChange change, CancellationToken cancellationToken = default) =>
        CallAsync("CreateLaunchTemplate", $"launch template '{templateName}'", async () =>
        {
            var request = new CreateLaunchTemplateRequest { LaunchTemplateName = templateName, VersionDescription = change.Description, LaunchTemplateData = Data(change) };
            var template = (await Ec2.CreateLaunchTemplateAsync(request, cancellationToken).ConfigureAwait(false)).LaunchTemplate;
            return new Ports.LaunchTemplateVersion(
                template.LaunchTemplateId, template.LaunchTemplateName, template.LatestVersionNumber ?? 1, true, change.ImageId, change.InstanceType, change.Description);
        });

    public Task<Ports.LaunchTemplateVersion> CreateVersionAsync(string templateName, string sourceVersion, LaunchTemplateChange change, CancellationToken cancellationToken = default) =>
        CallAsync("CreateLaunchTemplateVersion", Resource(templateName, sourceVersion), async () =>
        {
            var request = new CreateLaunchTemplateVersionRequest
            {
                LaunchTemplateName = templateName,
                SourceVersion = sourceVersion,
                VersionDescription = change.Description,
                LaunchTemplateData = Data(change),
            };
            var response = await Ec2.CreateLaunchTemplateVersionAsync(request, cancellationToken).ConfigureAwait(false);
            return Ec2Mapping.Version(response.LaunchTemplateVersion);
        });

    public Task SetDefaultVersionAsync(string templateName, long version, CancellationToken cancellationToken = default) =>
        CallAsync("ModifyLaunchTemplate", $"launch template '{templateName}'", () => Ec2.ModifyLaunchTemplateAsync(
            new ModifyLaunchTemplateRequest { LaunchTemplateName = templateName, DefaultVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            cancellationToken));

    public Task<IReadOnlyList<Ports.LaunchTemplateVersion>> ListVersionsAsync(string templateName, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<Ports.LaunchTemplateVersion>>("DescribeLaunchTemplateVersions", $"launch template '{templateName}'", async () =>
        {
            var request = new DescribeLaunchTemplateVersionsRequest { LaunchTemplateName = templateName, MaxResults = 200 };
            var found = new List<Ports.LaunchTemplateVersion>();
            do
            {
                var response = await Ec2.DescribeLaunchTemplateVersionsAsync(request, cancellationToken).ConfigureAwait(false);
                found.AddRange((response.LaunchTemplateVersions ?? []).Select(Ec2Mapping.Version));
                request.NextToken = response.NextToken;
            }
            while (!string.IsNullOrEmpty(request.NextToken));
            return [.. found.OrderBy(v => v.Version)];
        });

    public Task DeleteVersionsAsync(string templateName, IEnumerable<long> versions, CancellationToken cancellationToken = default)
    {
        var numbers = versions.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return numbers.Count == 0 ? Task.CompletedTask : CallAsync("DeleteLaunchTemplateVersions", $"launch template '{templateName}' versions {string.Join(", ", numbers)}", async () =>
        {
            var response = await Ec2.DeleteLaunchTemplateVersionsAsync(new DeleteLaunchTemplateVersionsRequest { LaunchTemplateName = templateName, Versions = numbers }, cancellationToken).ConfigureAwait(false);
            var refused = response.UnsuccessfullyDeletedLaunchTemplateVersions ?? [];
            return refused.Count == 0
                ? true
                : throw new Core.CakeException($"DeleteLaunchTemplateVersions kept {string.Join("; ", refused.Select(r => $"version {r.VersionNumber} of '{templateName}' ({r.ResponseError?.Code}: {r.ResponseError?.Message})"))}.");
        });
    }

    public async Task<LaunchTemplateSummary?> FindTemplateAsync(string templateName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CallAsync("DescribeLaunchTemplates", $"launch template '{templateName}'", async () =>
            {
                var response = await Ec2.DescribeLaunchTemplatesAsync(new DescribeLaunchTemplatesRequest { LaunchTemplateNames = [templateName] }, cancellationToken).ConfigureAwait(false);
                return (response.LaunchTemplates ?? [])
                    .Select(t => new LaunchTemplateSummary(t.LaunchTemplateId, t.LaunchTemplateName, t.DefaultVersionNumber ?? 0, t.LatestVersionNumber ?? 0))
                    .FirstOrDefault();
            }).ConfigureAwait(false);
        }
        catch (AwsOperationException e) when (MissingCodes.Contains(e.ErrorCode))
        {
            return null;
        }
    }

    private static RequestLaunchTemplateData Data(LaunchTemplateChange change) => new()
    {
        ImageId = change.ImageId,
        InstanceType = change.InstanceType is { Length: > 0 } type ? InstanceType.FindValue(type) : null,
        KeyName = change.KeyName,
        // fabulaws-config.yml may name groups (default VPC) or give their ids (any VPC)
        SecurityGroupIds = change.SecurityGroupIds?.Where(g => g.StartsWith("sg-", StringComparison.Ordinal)).ToList() is { Count: > 0 } ids ? ids : null,
        SecurityGroups = change.SecurityGroupIds?.Where(g => !g.StartsWith("sg-", StringComparison.Ordinal)).ToList() is { Count: > 0 } names ? names : null,
        UserData = Ec2Mapping.Base64(change.UserData),
    };

    private static string Resource(string templateName, string version) => $"launch template '{templateName}' version {version}";
}
