using System.Reflection;
using System.Runtime.Loader;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The module's private load context: everything under <c>Dependencies/</c> (the engine, SignalR,
/// Microsoft.Extensions.*, Polly, ...) loads here, so other modules can hold other versions of the same
/// assemblies in the default context without a "Could not load file or assembly" conflict.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    public const string ContextName = "ProjectX";

    private readonly string _dependencyDirectory;
    private readonly string _frameworkDirectory;

    public ModuleLoadContext(string dependencyDirectory) : base(ContextName, isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
        _frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";
    }

    public string DependencyDirectory => _dependencyDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { Length: > 0 } name)
        {
            return null;
        }

        // The shared framework is always at least as new as what a net8.0 package carries, and its types
        // (HttpMessageHandler, TimeProvider, ...) must be the same types on both sides of the boundary.
        if (File.Exists(Path.Combine(_frameworkDirectory, name + ".dll")))
        {
            return null;
        }

        var candidate = Path.Combine(_dependencyDirectory, name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}
