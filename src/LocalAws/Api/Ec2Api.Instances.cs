using System.Security.Cryptography;
using System.Text;
using LocalAws.Control;
using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Instances: run, describe, terminate, console output.</content>
internal sealed partial class Ec2Api
{
    private void RunInstances(QueryRequest request, XmlOut xml)
    {
        var min = request.Int("MinCount") ?? throw request.Missing("MinCount");
        var max = request.Int("MaxCount") ?? throw request.Missing("MaxCount");
        if (min < 1 || max < min)
        {
            throw new AwsException("InvalidParameterValue", $"MinCount ({min}) and MaxCount ({max}) must be at least 1, and MaxCount at least MinCount.");
        }

        var data = new LaunchData();
        LaunchTemplateRef? template = null;
        if (request.Has("LaunchTemplate"))
        {
            var spec = request.Sub("LaunchTemplate");
            var lt = FindTemplate(spec.Get("LaunchTemplateId"), spec.Get("LaunchTemplateName"));
            var version = lt.Resolve(spec.Get("Version")) ?? throw new AwsException("InvalidLaunchTemplateId.VersionNotFound", $"Could not find launch template version {spec.Get("Version")} of {lt.Id}.");
            data = version.Data;
            template = new LaunchTemplateRef(lt.Id, lt.Name, version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        data = RunOverrides(request, data);
        var reservation = Cloud.State.NewId("r");
        var launched = Enumerable.Range(0, max).Select(i => Launcher.Launch(Cloud, data, request.Sub("Placement").Get("AvailabilityZone"), reservation, i)).ToList();
        foreach (var instance in launched)
        {
            instance.LaunchTemplate = template;
            instance.SubnetId = request.Get("SubnetId");
        }

        xml.Leaf("reservationId", reservation).Leaf("ownerId", Cloud.State.AccountId).List("groupSet", Array.Empty<string>(), (_, _) => { })
            .List("instancesSet", launched, Ec2Xml.Instance);
    }

    private void DescribeInstances(QueryRequest request, XmlOut xml)
    {
        var ids = request.Strings("InstanceId");
        var missing = ids.Where(id => !Cloud.State.Instances.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw new AwsException("InvalidInstanceID.NotFound", $"The instance ID{(missing.Count > 1 ? "s" : string.Empty)} '{string.Join(", ", missing)}' do{(missing.Count > 1 ? string.Empty : "es")} not exist");
        }

        var filters = Filters(request, "instance-state-name", "instance-state-code", "instance-id", "image-id", "instance-type", "availability-zone", "private-ip-address", "ip-address", "dns-name", "private-dns-name", "key-name", "reservation-id");
        var instances = Cloud.State.Instances.Values
            .Where(i => ids.Count == 0 || ids.Contains(i.Id))
            .Where(i => filters.All(f => InstanceFilter(i, f.Name, f.Values)))
            .ToList();
        var (page, next) = Paging.Page(instances, request.Get("NextToken"), request.Int("MaxResults"), 1000, 1000, "InvalidParameterValue");
        xml.List("reservationSet", page.GroupBy(i => i.ReservationId), (x, r) =>
            x.Leaf("reservationId", r.Key).Leaf("ownerId", Cloud.State.AccountId).List("groupSet", Array.Empty<string>(), (_, _) => { }).List("instancesSet", r, Ec2Xml.Instance))
            .Leaf("nextToken", next);
    }

    private static bool InstanceFilter(Ec2Instance i, string name, IReadOnlyList<string> values) => name switch
    {
        "instance-state-name" => Like(values, i.State),
        "instance-state-code" => Like(values, i.StateCode.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "instance-id" => Like(values, i.Id),
        "image-id" => Like(values, i.ImageId),
        "instance-type" => Like(values, i.InstanceType),
        "availability-zone" => Like(values, i.AvailabilityZone),
        "private-ip-address" or "ip-address" or "dns-name" or "private-dns-name" => Like(values, i.Address),
        "key-name" => Like(values, i.KeyName),
        "reservation-id" => Like(values, i.ReservationId),
        _ when name.StartsWith("tag", StringComparison.Ordinal) => TagFilter(i.Tags, name, values),
        _ => throw BadFilter(name),
    };

    private void TerminateInstances(QueryRequest request, XmlOut xml)
    {
        var ids = request.Strings("InstanceId");
        if (ids.Count == 0)
        {
            throw request.Missing("InstanceId");
        }

        var instances = ids.Select(id => Cloud.State.Instances.TryGetValue(id, out var i) ? i : throw new AwsException("InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist")).ToList();
        xml.List("instancesSet", instances, (x, i) =>
        {
            var (previousCode, previous) = (i.StateCode, i.State);
            Launcher.TerminateInstance(Cloud, i, "Client.UserInitiatedShutdown: User initiated shutdown");
            x.Leaf("instanceId", i.Id)
                .Element("currentState", y => y.Leaf("code", i.StateCode).Leaf("name", i.State))
                .Element("previousState", y => y.Leaf("code", previousCode).Leaf("name", previous));
        });
    }

    private void GetConsoleOutput(QueryRequest request, XmlOut xml)
    {
        var id = request.Required("InstanceId");
        var instance = Cloud.State.Instances.TryGetValue(id, out var i) ? i : throw new AwsException("InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist");
        xml.Leaf("instanceId", id).Leaf("timestamp", Now);
        if (instance.HostPublicKey is { } key)
        {
            xml.Leaf("output", Convert.ToBase64String(Encoding.UTF8.GetBytes(ConsoleText(instance, key))));
        }
    }

    /// <summary>What cloud-init prints: the block FabulAWS reads to learn the instance's real SSH host key.</summary>
    internal static string ConsoleText(Ec2Instance instance, string publicKeyLine)
    {
        var parts = publicKeyLine.Split(' ');
        var fingerprint = Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(parts[1]))).TrimEnd('=');
        var host = instance.HostName;
        return $"""
            [    0.000000] Linux version 6.1.0-localaws (LocalAws loopback instance {instance.Id})
            Cloud-init v. 22.4.2 running 'modules:final' at {instance.LaunchTime:ddd, dd MMM yyyy HH:mm:ss} +0000.
            ci-info: no authorized SSH keys fingerprints found for user admin.
            <14>Nov 27 00:00:00 cloud-init: #############################################################
            ec2: 
            ec2: #############################################################
            ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----
            ec2: 256 SHA256:{fingerprint} root@{host} (ED25519)
            ec2: -----END SSH HOST KEY FINGERPRINTS-----
            ec2: #############################################################
            -----BEGIN SSH HOST KEY KEYS-----
            {parts[0]} {parts[1]} root@{host}
            -----END SSH HOST KEY KEYS-----
            Cloud-init v. 22.4.2 finished. Datasource DataSourceEc2Local. Up 3.14 seconds

            """;
    }
}
