using System.Collections.Immutable;

namespace Liaison.Audit.Notes;

/// <summary>One signature line of a signed note: <c>— name base64(keyHash ‖ signature)</c>.</summary>
public sealed record NoteSignature(string KeyName, uint KeyHash, ImmutableArray<byte> Signature);
