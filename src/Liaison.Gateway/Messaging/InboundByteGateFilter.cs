using MassTransit;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// The receive-pipe filter that passes each inbound message through the <see cref="InboundByteGate"/>
/// by the size of its body, before it is deserialised, so that the retries, the consumer and
/// the store write all happen within the budget.
/// </summary>
internal sealed class InboundByteGateFilter(InboundByteGate gate) : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var bytes = context.Body.Length ?? 0;
        await gate.EnterAsync(bytes, context.CancellationToken);
        try
        {
            await next.Send(context);
        }
        finally
        {
            gate.Exit(bytes);
        }
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("inboundByteGate");
}
