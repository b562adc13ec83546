namespace Liaison.Gateway.Security;

/// <summary>What an RPC exposes or changes, which decides who may call it (see <see cref="RpcPolicies"/>).</summary>
public enum RpcDataKind
{
    /// <summary>Whether the gateway is serving: nothing about any case. The only kind open to anonymous callers.</summary>
    Health = 1,

    /// <summary>The personal data of a case: payloads, workflow steps, attachments, handover records.</summary>
    PersonalData,

    /// <summary>Ids, states, times and counts: what happened to messages and cases, never their content.</summary>
    Metadata,

    /// <summary>The audit log: entries, proofs and checkpoints.</summary>
    Audit,

    /// <summary>Running the gateway: access grants, audit openings, keys and agreements. No personal data.</summary>
    Administration,
}
