using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// Runs when PowerShell imports the module, before any cmdlet executes. The cmdlet assembly sits in the
/// default context and references only the two engine assemblies; this resolver hands those out from the
/// module's own context, and their dependencies then resolve inside that context.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>The only assemblies the default context may obtain from the module's context.</summary>
    private static readonly HashSet<string> EngineAssemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        "ProjectX.Client",
        "ProjectX.Simulation",
    };

    private static readonly Lazy<ModuleLoadContext> LoadContext = new(CreateLoadContext);
    private static int _registered;

    internal static ModuleLoadContext Context => LoadContext.Value;

    public void OnImport()
    {
        // Import-Module -Force and several runspaces call this again: register once per process.
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += ResolveEngineAssembly;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        // Types already handed out stay loaded (the context is not collectible); a later import re-registers.
        if (Interlocked.Exchange(ref _registered, 0) == 1)
        {
            AssemblyLoadContext.Default.Resolving -= ResolveEngineAssembly;
        }
    }

    private static Assembly? ResolveEngineAssembly(AssemblyLoadContext context, AssemblyName name)
        => name.Name is { } simpleName && EngineAssemblies.Contains(simpleName)
            ? LoadContext.Value.LoadFromAssemblyName(name)
            : null;

    private static ModuleLoadContext CreateLoadContext()
    {
        var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)
            ?? throw new InvalidOperationException("The ProjectX module assembly has no location on disk.");
        return new ModuleLoadContext(Path.Combine(moduleDirectory, "Dependencies"));
    }
}
