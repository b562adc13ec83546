using System.Diagnostics;

namespace Liaison.Fuzzing;

/// <summary>Runs saved inputs (a corpus, a crash artifact) through a target, one by one, outside any fuzzer.</summary>
public static class Replay
{
    /// <summary>The files named, and the files in the folders named, in ordinal order.</summary>
    public static IEnumerable<string> Inputs(IEnumerable<string> paths) =>
        paths.SelectMany<string, string>(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [p]);

    /// <returns>0 when every input returned; 1 at the first input that threw.</returns>
    public static int Run(IFuzzTarget target, IEnumerable<string> paths)
    {
        var count = 0;
        var clock = Stopwatch.StartNew();
        foreach (var path in Inputs(paths))
        {
            try
            {
                target.Run(File.ReadAllBytes(path));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"{target.Name}: {path} crashed: {ex}");
                return 1;
            }

            count++;
        }

        Console.WriteLine($"{target.Name}: replayed {count} inputs in {clock.Elapsed.TotalSeconds:F1} s, 0 crashes");
        return 0;
    }
}
