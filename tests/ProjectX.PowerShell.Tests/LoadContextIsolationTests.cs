using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Logging;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests;

/// <summary>
/// Another module (here: this test host) already holds Microsoft.Extensions.Logging.Abstractions 6.0 in the
/// default load context. The module must still run on its own copy from Dependencies/, in its own context.
/// </summary>
public sealed class LoadContextIsolationTests
{
    private const string LoggingAbstractions = "Microsoft.Extensions.Logging.Abstractions";

    [Fact]
    public void Module_dependencies_load_in_the_module_context_beside_a_conflicting_version()
    {
        // Load the conflicting version into the default context first, as another module would.
        var hostCopy = typeof(ILogger).Assembly;
        Assert.Equal(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(hostCopy));
        Assert.Equal(new Version(6, 0, 0, 0), hostCopy.GetName().Version);

        using var session = new PowerShellSession();
        var result = session.Run("""
            $connection = Connect-ProjectX -Simulator -PassThru
            $connection
            Get-PxInstrument MNQ
            """).AssertNoErrors();

        var connection = Assert.Single(result.OfType("ProjectX.Connection")).BaseObject;
        Assert.Single(result.OfType("ProjectX.Instrument"));

        // The cmdlet assembly is the only one in the default context; the engine came from the module's context.
        Assert.Equal(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(connection.GetType().Assembly));
        var client = connection.GetType().GetProperty("Client")!.GetValue(connection)!;
        var clientAssembly = client.GetType().Assembly;
        var moduleContext = AssemblyLoadContext.GetLoadContext(clientAssembly)!;
        Assert.Equal("ProjectX", moduleContext.Name);
        Assert.Equal(Path.GetFullPath(RepoPaths.ModuleDependencies), Path.GetDirectoryName(clientAssembly.Location));

        // The engine's logging dependency resolves inside the module context, at the version shipped in Dependencies/.
        var shippedVersion = AssemblyName.GetAssemblyName(Path.Combine(RepoPaths.ModuleDependencies, LoggingAbstractions + ".dll")).Version;
        var moduleCopy = moduleContext.LoadFromAssemblyName(new AssemblyName(LoggingAbstractions));
        Assert.Equal(shippedVersion, moduleCopy.GetName().Version);
        Assert.NotEqual(hostCopy.GetName().Version, moduleCopy.GetName().Version);
        Assert.Equal(moduleContext, AssemblyLoadContext.GetLoadContext(moduleCopy));
        Assert.Equal(Path.GetFullPath(RepoPaths.ModuleDependencies), Path.GetDirectoryName(moduleCopy.Location));

        // Nothing the module context loaded came from anywhere but Dependencies/; the host copy is untouched.
        Assert.All(moduleContext.Assemblies, a => Assert.Equal(Path.GetFullPath(RepoPaths.ModuleDependencies), Path.GetDirectoryName(a.Location)));
        Assert.Same(hostCopy, AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(LoggingAbstractions)));
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name is "ProjectX.Client" or "ProjectX.Simulation");
    }
}
