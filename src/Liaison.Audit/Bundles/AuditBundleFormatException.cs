namespace Liaison.Audit.Bundles;

/// <summary>A file that is not an audit bundle of a format this version reads; the message names the part that is wrong.</summary>
public sealed class AuditBundleFormatException : FormatException
{
    public AuditBundleFormatException()
    {
    }

    public AuditBundleFormatException(string message)
        : base(message)
    {
    }

    public AuditBundleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
