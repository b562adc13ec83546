namespace Liaison.Gateway.Grpc.Internal;

/// <summary>Resource names of messages: "messages/{envelope_id}", the id in canonical lower-case UUID form.</summary>
internal static class MessageNames
{
    private const string Prefix = "messages/";

    public static string Format(Guid envelopeId) => Prefix + envelopeId.ToString("D");

    /// <exception cref="InvalidRequestException">The name is not a message name.</exception>
    public static Guid Parse(string name, string field)
    {
        if (name.StartsWith(Prefix, StringComparison.Ordinal)
            && Guid.TryParseExact(name.AsSpan(Prefix.Length), "D", out var envelopeId))
        {
            return envelopeId;
        }

        throw InvalidRequestException.For(field, "A message name is \"messages/\" followed by an envelope id in UUID form, e.g. messages/0190b7e2-5c1a-7cc3-9d2e-4f0a1b2c3d4e.");
    }
}
