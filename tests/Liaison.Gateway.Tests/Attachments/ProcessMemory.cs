using System.Globalization;

namespace Liaison.Gateway.Tests.Attachments;

/// <summary>
/// A process's resident memory as Linux reports it in /proc/&lt;pid&gt;/status: VmHWM (the peak
/// resident set since the process started) and VmRSS (the resident set now), in bytes.
/// </summary>
public sealed record ProcessMemory(long PeakResidentBytes, long ResidentBytes)
{
    public static ProcessMemory Read(int processId)
    {
        var fields = File.ReadAllLines($"/proc/{processId}/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
        return new ProcessMemory(Kilobytes(fields["VmHWM"]) * 1024, Kilobytes(fields["VmRSS"]) * 1024);
    }

    public static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    public override string ToString() => $"VmHWM {Mebibytes(PeakResidentBytes)}, VmRSS {Mebibytes(ResidentBytes)}";

    private static long Kilobytes(string value) => long.Parse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
}
