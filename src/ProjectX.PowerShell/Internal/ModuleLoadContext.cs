using System.Reflection;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Native libraries of the module's packages (the journal's e_sqlite3): pwsh's deps.json knows nothing of them, so a
    /// DllImport from an assembly in this context is resolved here, from Dependencies/runtimes/&lt;rid&gt;/native/.
    /// </summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var path in NativeCandidates(unmanagedDllName))
        {
            if (File.Exists(path))
                return LoadUnmanagedDllFromPath(path);
        }
        return IntPtr.Zero; // the default probing (the OS loader) then has its turn
    }

    private IEnumerable<string> NativeCandidates(string name)
    {
        var fileNames = OperatingSystem.IsWindows() ? [name + ".dll", name]
            : OperatingSystem.IsMacOS() ? ["lib" + name + ".dylib", name + ".dylib", name]
            : new[] { "lib" + name + ".so", name + ".so", name };
        foreach (var rid in RuntimeIdentifiers())
        {
            foreach (var fileName in fileNames)
                yield return Path.Combine(_dependencyDirectory, "runtimes", rid, "native", fileName);
        }
    }

    /// <summary>The running RID (portable on .NET 8: linux-x64, linux-musl-arm64, osx-arm64, win-x64, ...), then the plain OS-architecture one.</summary>
    private static IEnumerable<string> RuntimeIdentifiers()
    {
        yield return RuntimeInformation.RuntimeIdentifier;
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        yield return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
    }
}
