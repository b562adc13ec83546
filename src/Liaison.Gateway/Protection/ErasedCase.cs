namespace Liaison.Gateway.Protection;

/// <summary>A case whose data key was destroyed when its retention ended.</summary>
/// <param name="DataKeyId">The destroyed data key's id (its tombstone stays in the store).</param>
/// <param name="ScopeHash">
/// A keyed hash of the case (HMAC-SHA256 under a key derived from <paramref name="HashKek"/>): the
/// audit trail can be matched against a case reference by whoever holds that KEK, and by no one else.
/// </param>
/// <param name="HashKek">The KEK whose derived key made <paramref name="ScopeHash"/>.</param>
/// <param name="Messages">How many stored messages' personal data the key protected.</param>
public sealed record ErasedCase(Guid DataKeyId, string ScopeHash, string HashKek, DateTimeOffset LastActivityAt, DateTimeOffset ErasedAt, long Messages);
