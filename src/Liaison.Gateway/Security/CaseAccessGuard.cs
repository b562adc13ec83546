using Liaison.Gateway.Auditing;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Security;

/// <summary>
/// Need-to-know at the RPCs: finds the cases a message, workflow or attachment belongs to,
/// decides with <see cref="CaseAccessRules"/>, and audits every read of personal data, allowed
/// or refused, before anything is returned (an audit entry that fails to commit fails the read).
/// Writes into a case are held to the same rule, and the first write names the case's unit.
/// Thread-safe.
/// </summary>
public sealed class CaseAccessGuard(GatewayNode node, IGatewayStore store, AuditTrail audit, IOptions<AccessOptions> options, TimeProvider time, ILogger<CaseAccessGuard> logger)
{
    /// <summary>The most messages of one correlation id looked at for its cases; far beyond any workflow.</summary>
    private const int MaxCorrelated = 1000;

    /// <summary>The case reference of a message sent with neither a case reference nor a correlation id: it is not known before its envelope id is.</summary>
    private static readonly string Unassigned = "~" + Guid.Empty.ToString("D");

    public string IntakeUnit => options.Value.IntakeUnit;

    public string ThisNode => node.NodeId;

    /// <summary>The cases a stored message belongs to: its own, then those of every message with its correlation id.</summary>
    public async Task<IReadOnlyList<CaseKey>> CasesOfMessageAsync(MessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var cases = new List<CaseKey> { CaseKey.Of(node.NodeId, message) };
        if (message.CorrelationId.Length > 0)
        {
            cases.AddRange(await CasesOfCorrelationAsync(message.CorrelationId, cancellationToken));
        }

        return cases.Distinct().ToList();
    }

    /// <summary>The cases of every message, in both directions, with this correlation id (a workflow's or an attachment's); empty when there is none.</summary>
    public async Task<IReadOnlyList<CaseKey>> CasesOfCorrelationAsync(string correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(correlationId);
        var outbound = await store.ListByCorrelationAsync(MessageDirection.Outbound, correlationId, null, MaxCorrelated, cancellationToken);
        var inbound = await store.ListByCorrelationAsync(MessageDirection.Inbound, correlationId, null, MaxCorrelated, cancellationToken);
        return outbound.Concat(inbound).Select(m => CaseKey.Of(node.NodeId, m)).Distinct().ToList();
    }

    /// <summary>What the rules decide for <paramref name="caller"/> over <paramref name="cases"/> (the one asked for first), now.</summary>
    public async Task<CaseAccessDecision> DecideAsync(Caller caller, IReadOnlyList<CaseKey> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(cases);
        var views = new List<CaseView>(cases.Count);
        foreach (var key in cases.Distinct())
        {
            // A supervisor's or administrator's answer does not depend on the case: no lookups.
            if (caller.Role is CallerRole.Supervisor or CallerRole.Administrator)
            {
                views.Add(new CaseView(key, null, []));
                continue;
            }

            var owner = CaseAccessRules.OwnerUnit(key, await store.GetCaseOwnerAsync(key, cancellationToken), node.NodeId, IntakeUnit);
            var entries = await store.ListCaseAccessAsync(key, cancellationToken);
            views.Add(new CaseView(key, owner, entries));
        }

        return CaseAccessRules.Decide(caller, views, time.GetUtcNow());
    }

    /// <summary>
    /// Lets a read of personal data go ahead, or refuses it; either way audited first, with
    /// the caller as the actor, the envelope (when one message is read) and the case's keyed hash.
    /// </summary>
    /// <exception cref="CaseAccessDeniedException">The rules refuse it (audited as AccessDenied).</exception>
    public async Task RequireReadAsync(Caller caller, IReadOnlyList<CaseKey> cases, Guid? envelopeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var decision = await DecideAsync(caller, cases, cancellationToken);
        if (decision.Allowed)
        {
            await audit.ReadAsync(caller, envelopeId, decision.Case.Reference, cancellationToken);
            return;
        }

        await DenyAsync(caller, decision, envelopeId, cancellationToken);
    }

    /// <summary>
    /// Which of several resources (a case timeline's workflows, each given by its cases) the
    /// caller may read; each decision is audited like <see cref="RequireReadAsync"/>'s.
    /// </summary>
    /// <returns>The indexes of the readable ones, in order.</returns>
    /// <exception cref="CaseAccessDeniedException">There were some and none is readable.</exception>
    public async Task<IReadOnlyList<int>> FilterReadableAsync(Caller caller, IReadOnlyList<IReadOnlyList<CaseKey>> resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(resources);
        var readable = new List<int>();
        CaseAccessDecision? refused = null;
        for (var i = 0; i < resources.Count; i++)
        {
            if (resources[i].Count == 0)
            {
                continue;
            }

            var decision = await DecideAsync(caller, resources[i], cancellationToken);
            if (decision.Allowed)
            {
                await audit.ReadAsync(caller, null, decision.Case.Reference, cancellationToken);
                readable.Add(i);
            }
            else
            {
                CaseAccessLog.Denied(logger, decision.Case.Name, caller.SubjectId, CallerRoles.Name(caller.Role), decision.Basis);
                await audit.AccessDeniedAsync(caller, null, decision.Case.Reference, decision.Basis, cancellationToken);
                refused ??= decision;
            }
        }

        return readable.Count == 0 && refused is not null ? throw new CaseAccessDeniedException(refused.Case, refused.Basis) : readable;
    }

    /// <summary>
    /// Checks that <paramref name="caller"/> may add a message to a case of this side and to a
    /// correlation id (a workflow, an attachment) that may already hold others' cases: it must be
    /// able to read whatever of them already exists. A refusal is audited.
    /// </summary>
    /// <param name="caller">
    /// Null only for a service class called outside ASP.NET Core (unit tests): hosted, the
    /// authorisation middleware lets no call without a caller reach a service. Nothing is checked then.
    /// </param>
    /// <returns>The case of this side the message will belong to, for <see cref="RecordOpenedAsync"/>.</returns>
    /// <exception cref="CaseAccessDeniedException">The caller may not read a case the message would join.</exception>
    public async Task<CaseKey> RequireWriteAsync(Caller? caller, string caseReference, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caseReference);
        ArgumentNullException.ThrowIfNull(correlationId);
        var own = CaseKey.Of(node.NodeId, MessageDirection.Outbound, "", caseReference, correlationId, Guid.Empty);
        var existing = new List<CaseKey>();
        if (own.Reference != Unassigned && await store.GetCaseOwnerAsync(own, cancellationToken) is not null)
        {
            existing.Add(own);
        }

        if (correlationId.Length > 0)
        {
            existing.AddRange(await CasesOfCorrelationAsync(correlationId, cancellationToken));
        }

        if (caller is not null && existing.Count > 0)
        {
            var decision = await DecideAsync(caller, existing, cancellationToken);
            if (!decision.Allowed)
            {
                await DenyAsync(caller, decision, null, cancellationToken);
            }
        }

        return own;
    }

    /// <summary>
    /// Records that the caller's unit opened <paramref name="case"/>, after its first message was
    /// accepted; a case that already has a unit keeps it. A caller without a unit names none.
    /// </summary>
    public async Task RecordOpenedAsync(Caller? caller, CaseKey @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (caller is { Unit.Length: > 0 } && @case.Node == node.NodeId && @case.Reference != Unassigned)
        {
            await store.RecordCaseOwnerAsync(new CaseOwner(@case, caller.Unit, caller.SubjectId, time.GetUtcNow()), cancellationToken);
        }
    }

    private async Task DenyAsync(Caller caller, CaseAccessDecision decision, Guid? envelopeId, CancellationToken cancellationToken)
    {
        CaseAccessLog.Denied(logger, decision.Case.Name, caller.SubjectId, CallerRoles.Name(caller.Role), decision.Basis);
        await audit.AccessDeniedAsync(caller, envelopeId, decision.Case.Reference, decision.Basis, cancellationToken);
        throw new CaseAccessDeniedException(decision.Case, decision.Basis);
    }
}
