using System.CommandLine;

namespace Liaison.Cli.Commands;

/// <summary>Lets a command's constructor add its options in one line.</summary>
internal static class CommandExtensions
{
    public static void AddOptions(this Command command, params Option[] options)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }
}
