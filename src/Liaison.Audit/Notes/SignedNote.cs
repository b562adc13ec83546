using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using Liaison.Audit.Internal;

namespace Liaison.Audit.Notes;

/// <summary>
/// A C2SP signed note (https://c2sp.org/signed-note): a text ending in a newline,
/// a blank line, then one or more lines <c>— name base64(keyID ‖ signature)</c>.
/// Built only by <see cref="Parse(string)"/>, <see cref="Sign"/> or <see cref="WithSignature"/>,
/// which validate, so an instance is always well-formed. Immutable and thread-safe.
/// </summary>
public sealed class SignedNote
{
    /// <summary>The spec asks verifiers to accept at least 16 signatures and to cap them; this is our cap.</summary>
    public const int MaxSignatures = 64;

    private const string Dash = "\u2014 ";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private SignedNote(string text, ImmutableArray<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, including its final newline.</summary>
    public string Text { get; }

    public ImmutableArray<NoteSignature> Signatures { get; }

    /// <summary>Signs <paramref name="text"/> with each signer, in order.</summary>
    public static SignedNote Sign(string text, params IReadOnlyList<INoteSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        if (TextProblem(text) is { } problem)
        {
            throw new ArgumentException(problem, nameof(text));
        }
        if (signers.Count == 0)
        {
            throw new ArgumentException("A signed note needs at least one signature.", nameof(signers));
        }
        var note = new SignedNote(text, []);
        foreach (var signer in signers)
        {
            note = note.WithSignature(signer);
        }
        return note;
    }

    /// <summary>Adds a signature by <paramref name="signer"/> over this note's text (a witness adding its cosignature).</summary>
    public SignedNote WithSignature(INoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        NoteKeyName.Validate(signer.KeyName);
        if (Signatures.Length >= MaxSignatures)
        {
            throw new InvalidOperationException($"A note carries at most {MaxSignatures} signatures.");
        }
        var signature = signer.Sign(Encoding.UTF8.GetBytes(Text));
        if (signature is not { Length: > 0 })
        {
            throw new InvalidOperationException($"Signer '{signer.KeyName}' returned an empty signature.");
        }
        return new SignedNote(Text, Signatures.Add(new NoteSignature(signer.KeyName, signer.KeyHash, [.. signature])));
    }

    /// <summary>
    /// Checks the note against one trusted key. Lines of other keys are ignored;
    /// if the key signed more than once, every line of it must verify.
    /// </summary>
    public NoteVerification Verify(INoteVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var message = Encoding.UTF8.GetBytes(Text);
        var result = NoteVerification.NotSigned;
        foreach (var line in Signatures.Where(s => s.KeyName == verifier.KeyName && s.KeyHash == verifier.KeyHash))
        {
            if (!verifier.Verify(message, [.. line.Signature]))
            {
                return NoteVerification.BadSignature;
            }
            result = NoteVerification.Verified;
        }
        return result;
    }

    /// <summary>Parses a signed note strictly; <see cref="NoteFormatException"/> names the first rule broken.</summary>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        foreach (var c in note)
        {
            if (char.IsControl(c) && c != '\n')
            {
                throw new NoteFormatException($"A signed note must not contain control characters other than newline (found U+{(int)c:X4}).");
            }
        }
        if (!IsWellFormed(note))
        {
            throw new NoteFormatException("A signed note must be valid UTF-8 (it has an unpaired surrogate).");
        }
        if (!note.EndsWith('\n'))
        {
            throw new NoteFormatException("A signed note must end with a newline.");
        }
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new NoteFormatException("A signed note needs a blank line between its text and its signatures.");
        }
        if (split + 2 == note.Length)
        {
            throw new NoteFormatException("A signed note needs at least one signature line after the blank line.");
        }
        var text = note[..(split + 1)];
        if (TextProblem(text) is { } problem)
        {
            throw new NoteFormatException(problem);
        }
        var lines = note[(split + 2)..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw new NoteFormatException($"A signed note carries at most {MaxSignatures} signatures, not {lines.Length}.");
        }
        return new SignedNote(text, [.. lines.Select(ParseLine)]);
    }

    /// <summary>Parses a signed note received as bytes; invalid UTF-8 is rejected rather than replaced.</summary>
    public static SignedNote Parse(ReadOnlySpan<byte> utf8)
    {
        string note;
        try
        {
            note = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new NoteFormatException("A signed note must be valid UTF-8.", e);
        }
        return Parse(note);
    }

    /// <summary>The note in its wire form.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            var blob = new byte[4 + signature.Signature.Length];
            BinaryPrimitives.WriteUInt32BigEndian(blob, signature.KeyHash);
            signature.Signature.CopyTo(blob, 4);
            builder.Append(Dash).Append(signature.KeyName).Append(' ').Append(Convert.ToBase64String(blob)).Append('\n');
        }
        return builder.ToString();
    }

    private static NoteSignature ParseLine(string line, int number)
    {
        var where = $"signature line {number + 1}";
        if (!line.StartsWith(Dash, StringComparison.Ordinal))
        {
            throw new NoteFormatException($"The {where} must start with an em dash and a space.");
        }
        var parts = line[Dash.Length..].Split(' ');
        if (parts.Length != 2)
        {
            throw new NoteFormatException($"The {where} must be '— <key name> <base64 signature>'.");
        }
        if (NoteKeyName.Problem(parts[0]) is { } nameProblem)
        {
            throw new NoteFormatException($"The {where}: {nameProblem}.");
        }
        var blob = StrictBase64.Decode(parts[1])
            ?? throw new NoteFormatException($"The {where}: the signature is not canonical standard base64.");
        if (blob.Length < 5)
        {
            throw new NoteFormatException($"The {where}: the signature must hold a 4-byte key ID and at least one signature byte.");
        }
        return new NoteSignature(parts[0], BinaryPrimitives.ReadUInt32BigEndian(blob), [.. blob[4..]]);
    }

    private static string? TextProblem(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.EndsWith('\n'))
        {
            return "The note text must be non-empty and end with a newline.";
        }
        if (text.Any(c => char.IsControl(c) && c != '\n'))
        {
            return "The note text must not contain control characters other than newline.";
        }
        if (!IsWellFormed(text))
        {
            return "The note text must be valid UTF-8 (it has an unpaired surrogate).";
        }
        return null;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
