using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Deploy.Benchmarks;

/// <summary>
/// The Cake context the add-in's composition root needs to build a run's services in-process: only its log is used
/// (EnvironmentServicesFactory reads nothing else), so the rest refuses.
/// </summary>
/// <param name="log">The log.</param>
internal sealed class BenchContext(ICakeLog log) : ICakeContext
{
    public ICakeLog Log => log;

    public IFileSystem FileSystem => throw Unused(nameof(FileSystem));

    public ICakeEnvironment Environment => throw Unused(nameof(Environment));

    public IGlobber Globber => throw Unused(nameof(Globber));

    public ICakeArguments Arguments => throw Unused(nameof(Arguments));

    public IProcessRunner ProcessRunner => throw Unused(nameof(ProcessRunner));

    public IRegistry Registry => throw Unused(nameof(Registry));

    public IToolLocator Tools => throw Unused(nameof(Tools));

    public ICakeDataResolver Data => throw Unused(nameof(Data));

    public ICakeConfiguration Configuration => throw Unused(nameof(Configuration));

    public IServiceProvider ServiceProvider => throw Unused(nameof(ServiceProvider));

    public IToolInstaller ToolInstaller => throw Unused(nameof(ToolInstaller));

    private static NotSupportedException Unused(string what) => new($"The benchmark's Cake context has no {what}.");
}
