using System.Security.Cryptography;

namespace Liaison.Audit.Merkle;

/// <summary>
/// A 32-byte SHA-256 tree hash (leaf, node or root). Immutable: the bytes are
/// copied in and only handed out as a read-only span or a fresh copy, so a hash
/// held in a proof or checkpoint cannot change underneath its holder.
/// Equality compares the bytes; hashes are public values, so it need not be constant-time.
/// </summary>
public sealed class MerkleHash : IEquatable<MerkleHash>
{
    /// <summary>The length of a SHA-256 digest.</summary>
    public const int Length = SHA256.HashSizeInBytes;

    private readonly byte[] _bytes;

    // Takes ownership: only for arrays this library has just created.
    internal MerkleHash(byte[] owned) => _bytes = owned;

    /// <summary>Copies <paramref name="bytes"/>, which must be exactly 32 bytes.</summary>
    public static MerkleHash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A tree hash is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }
        return new MerkleHash(bytes.ToArray());
    }

    /// <summary>Parses 64 hex digits (either case).</summary>
    public static MerkleHash FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 2 * Length)
        {
            throw new FormatException($"A tree hash is {2 * Length} hex digits, not {hex.Length}.");
        }
        return new MerkleHash(Convert.FromHexString(hex));
    }

    public ReadOnlySpan<byte> AsSpan() => _bytes;

    public byte[] ToArray() => (byte[])_bytes.Clone();

    public string ToHex() => Convert.ToHexStringLower(_bytes);

    public string ToBase64() => Convert.ToBase64String(_bytes);

    public bool Equals(MerkleHash? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as MerkleHash);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public override string ToString() => ToHex();

    public static bool operator ==(MerkleHash? left, MerkleHash? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(MerkleHash? left, MerkleHash? right) => !(left == right);
}
