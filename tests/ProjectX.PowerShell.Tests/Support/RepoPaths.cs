using System.Reflection;

namespace ProjectX.PowerShell.Tests.Support;

/// <summary>Where the built artefacts are: the module folder and the simulator host.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "BuildConfiguration").Value ?? "Debug";

    public static string ModuleDirectory => Path.Combine(Root, "out", "ProjectX");
    public static string ModuleManifest => Path.Combine(ModuleDirectory, "ProjectX.psd1");
    public static string ModuleDependencies => Path.Combine(ModuleDirectory, "Dependencies");

    public static string SimulatorDll => Path.Combine(Root, "src", "ProjectX.Simulator", "bin", Configuration, "net10.0", "ProjectX.Simulator.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProjectX.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (ProjectX.slnx) above " + AppContext.BaseDirectory);
    }
}
