namespace Liaison.Gateway.Messaging.Contracts;

/// <summary>
/// A sealed envelope on its way from one gateway to another. It carries only the
/// envelope's bytes, exactly as sealed: the payload inside is encrypted, and the
/// clear-text header holds ids and codes, never personal data.
/// <para>
/// MassTransit routes by the full type name, so this name and namespace are part of
/// the wire contract between the two sides: never rename or move it.
/// </para>
/// </summary>
/// <param name="Envelope">The serialised <c>SealedEnvelope</c>.</param>
public sealed record EnvelopeTransferred(byte[] Envelope);
