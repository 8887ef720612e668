namespace Cake.FabulAWS.Tests.Aws.Ec2;

/// <summary>EC2 2016-11-15 response items, shaped as in the botocore model (locationName element names).</summary>
public static class Ec2Samples
{
    public const string Ec2Version = "2016-11-15";

    public static string Instance(string id, string state = "running") => $"""
        <item><instanceId>{id}</instanceId><imageId>ami-0123</imageId><instanceState><code>16</code><name>{state}</name></instanceState><privateDnsName>ip-10-0-1-5.eu-west-1.compute.internal</privateDnsName><dnsName>ec2-54-1-2-3.eu-west-1.compute.amazonaws.com</dnsName><instanceType>t3.small</instanceType><launchTime>2026-11-27T06:00:00.000Z</launchTime><privateIpAddress>10.0.1.5</privateIpAddress><ipAddress>54.1.2.3</ipAddress><tagSet><item><key>environment</key><value>production</value></item><item><key>role</key><value>web</value></item></tagSet></item>
        """;

    public static string Reservations(string instances, string? nextToken = null) =>
        $"<reservationSet><item><reservationId>r-0abc</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>{instances}</instancesSet></item></reservationSet>"
        + (nextToken is null ? string.Empty : $"<nextToken>{nextToken}</nextToken>");

    public static string Image(string id, string state = "available") => $"""
        <item><imageId>{id}</imageId><imageLocation>123456789012/web-2026-11-27</imageLocation><imageState>{state}</imageState><imageOwnerId>123456789012</imageOwnerId><creationDate>2026-11-27T06:30:00.000Z</creationDate><isPublic>false</isPublic><architecture>x86_64</architecture><imageType>machine</imageType><name>web-2026-11-27</name><rootDeviceType>ebs</rootDeviceType><tagSet><item><key>fabulaws:environment</key><value>production</value></item></tagSet></item>
        """;

    public static string TemplateVersion(long number, bool isDefault) => $"<item>{TemplateVersionFields(number, isDefault)}</item>";

    public static string TemplateVersionFields(long number, bool isDefault) => $"""
        <launchTemplateId>lt-0a1b2c3d4e5f60718</launchTemplateId><launchTemplateName>web</launchTemplateName><versionNumber>{number}</versionNumber><versionDescription>ami-0456 from deploy abc123</versionDescription><createTime>2026-11-27T06:40:00.000Z</createTime><createdBy>arn:aws:iam::123456789012:user/deploy</createdBy><defaultVersion>{(isDefault ? "true" : "false")}</defaultVersion><launchTemplateData><imageId>ami-0456</imageId><instanceType>t3.small</instanceType><keyName>deploy</keyName></launchTemplateData>
        """;
}
