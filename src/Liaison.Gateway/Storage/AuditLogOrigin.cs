namespace Liaison.Gateway.Storage;

/// <summary>The origin line of a node's audit-log checkpoints (see deploy/audit-log.md).</summary>
public static class AuditLogOrigin
{
    /// <summary>"liaison.example/&lt;node-id&gt;/audit", e.g. "liaison.example/vn-laocai/audit".</summary>
    public static string For(string nodeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        return $"liaison.example/{nodeId}/audit";
    }
}
