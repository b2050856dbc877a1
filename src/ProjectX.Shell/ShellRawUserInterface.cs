using System.Management.Automation.Host;

namespace ProjectX.Shell;

/// <summary>Just enough of a console for the formatter: a fixed width when output is redirected, no cursor games.</summary>
internal sealed class ShellRawUserInterface : PSHostRawUserInterface
{
    // Wide enough for the instrument table when stdout is a file or a pipe.
    private const int RedirectedWidth = 160;

    private static int Width
    {
        get
        {
            if (Console.IsOutputRedirected)
            {
                return RedirectedWidth;
            }

            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : RedirectedWidth;
            }
            catch (IOException)
            {
                return RedirectedWidth;
            }
        }
    }

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get => new(Width, 9999); set { } }
    public override Coordinates CursorPosition { get => new(0, 0); set { } }
    public override int CursorSize { get; set; } = 1;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(Width, 50);
    public override Size MaxWindowSize => new(Width, 50);
    public override Coordinates WindowPosition { get => new(0, 0); set { } }
    public override Size WindowSize { get => new(Width, 50); set { } }
    public override string WindowTitle { get; set; } = "ProjectX.Shell";

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("ProjectX.Shell has no screen buffer.");
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw ShellHostUserInterface.NonInteractive("read a key");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
