namespace Cake.FabulAWS.Configuration.Yaml;

/// <summary>"Did you mean" hints: the closest known name within a few typing mistakes.</summary>
internal static class Suggestions
{
    /// <summary>Finds the candidate closest to <paramref name="input"/>, or <c>null</c> when none is close enough.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        var lowered = input.ToLowerInvariant();
        var allowed = Math.Clamp(input.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(lowered, candidate.ToLowerInvariant());
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Appends <c> (did you mean X?)</c> to a message when a candidate is close.</summary>
    public static string WithHint(string message, string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } hint ? $"{message} (did you mean {hint}?)" : message;

    /// <summary>Edit distance counting an insertion, deletion, substitution or swap of neighbours as one step.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
