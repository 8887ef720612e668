using System.Globalization;
using System.Text;

namespace LocalAws.Api;

/// <summary>Pages a list with opaque tokens (base64 of the next offset), as NextToken and Marker are used.</summary>
internal static class Paging
{
    public static (IReadOnlyList<T> Page, string? Next) Page<T>(IReadOnlyList<T> all, string? token, int? size, int defaultSize, int maxSize, string codeForBadToken = "InvalidNextToken")
    {
        var offset = 0;
        if (!string.IsNullOrEmpty(token))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                offset = decoded.StartsWith("localaws:", StringComparison.Ordinal)
                    ? int.Parse(decoded["localaws:".Length..], CultureInfo.InvariantCulture)
                    : throw new FormatException();
            }
            catch (FormatException)
            {
                throw new AwsException(codeForBadToken, $"The token '{token}' is invalid.");
            }
        }

        var take = Math.Clamp(size ?? defaultSize, 1, maxSize);
        var page = all.Skip(offset).Take(take).ToList();
        var next = offset + take < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"localaws:{offset + take}")) : null;
        return (page, next);
    }
}
