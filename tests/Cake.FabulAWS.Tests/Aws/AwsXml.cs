namespace Cake.FabulAWS.Tests.Aws;

/// <summary>Response envelopes exactly as the AWS Query services and EC2 write them.</summary>
public static class AwsXml
{
    public const string AutoScalingNs = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    public const string ElbNs = "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/";
    public const string ElbV2Ns = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    public const string Ec2Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static string Query(string ns, string action, string result = "") =>
        $"""<{action}Response xmlns="{ns}"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>7c6e1a9c-0000-4a1b-9c2d-000000000001</RequestId></ResponseMetadata></{action}Response>""";

    /// <summary>An action without a result element (SetDesiredCapacity, SuspendProcesses, ...).</summary>
    public static string QueryNoResult(string ns, string action) =>
        $"""<{action}Response xmlns="{ns}"><ResponseMetadata><RequestId>7c6e1a9c-0000-4a1b-9c2d-000000000002</RequestId></ResponseMetadata></{action}Response>""";

    public static string AutoScaling(string action, string result = "") => Query(AutoScalingNs, action, result);

    public static string Elb(string action, string result = "") => Query(ElbNs, action, result);

    public static string ElbV2(string action, string result = "") => Query(ElbV2Ns, action, result);

    public static string Error(string code, string message, string type = "Sender") =>
        $"""<ErrorResponse xmlns="{AutoScalingNs}"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>0bd5a1c4-0000-4000-8000-00000000000e</RequestId></ErrorResponse>""";

    public static string Ec2(string action, string body) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><{action}Response xmlns="{Ec2Ns}"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>{body}</{action}Response>""";

    public static string Ec2Error(string code, string message) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>""";
}
