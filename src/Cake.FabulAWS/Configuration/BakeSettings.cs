namespace Cake.FabulAWS.Configuration;

/// <summary>How the builder instance gets the code it bakes into the image.</summary>
public enum CodeSource
{
    /// <summary><c>git archive</c> of the verified commit, uploaded over SFTP: the server needs no git credentials (the default).</summary>
    Archive,

    /// <summary><c>git clone</c> of the origin URL on the server, then checkout of the commit, as FabulAWS did.</summary>
    Clone,
}

/// <summary>How CreateLaunchConfig bakes an image (<c>code_root</c>, <c>code_source</c>, <c>bake_secrets</c>, <c>keep_releases</c>).</summary>
public sealed record BakeSettings
{
    /// <summary>The folder the code goes to when <c>code_root</c> is not set.</summary>
    public const string DefaultCodeRoot = "~/app";

    /// <summary>Gets the folder on the builder that receives the commit's files (<c>{{code_root}}</c> in commands).</summary>
    public string CodeRoot { get; init; } = DefaultCodeRoot;

    /// <summary>Gets how the code reaches the builder.</summary>
    public CodeSource CodeSource { get; init; } = CodeSource.Archive;

    /// <summary>Gets a value indicating whether the environment's secrets are pushed to the builder, and so baked into the image.</summary>
    public bool BakeSecrets { get; init; } = true;

    /// <summary>Gets how many images, template versions and launch configurations of the environment are kept.</summary>
    public int KeepReleases { get; init; } = 5;
}
