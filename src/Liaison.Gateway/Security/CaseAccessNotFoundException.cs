namespace Liaison.Gateway.Security;

/// <summary>No grant or audit opening with this name (or not of the kind the RPC ends). Mapped to NOT_FOUND.</summary>
public sealed class CaseAccessNotFoundException : Exception
{
    public CaseAccessNotFoundException(string name)
        : base("No grant or audit opening with this name is stored here.") => Name = name;

    public CaseAccessNotFoundException()
        : this("")
    {
    }

    public CaseAccessNotFoundException(string message, Exception innerException)
        : base(message, innerException) => Name = "";

    /// <summary>The name asked for: "cases/{node}/{reference}/accesses/{id}".</summary>
    public string Name { get; }
}
