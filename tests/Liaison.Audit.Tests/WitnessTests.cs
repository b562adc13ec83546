using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Audit.Witnessing;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Audit.Tests;

public sealed class WitnessTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly Ed25519NoteSigner _log = Keys.Log();
    private readonly Ed25519Cosigner _cosigner;
    private readonly Witness _witness;
    private readonly InMemoryHashStore _store = new();

    public WitnessTests()
    {
        _cosigner = Keys.Witness(_clock);
        _witness = new Witness(Keys.Origin, _log.Verifier(), _cosigner);
        for (var i = 0; i < 20; i++)
        {
            _store.Append([(byte)i]);
        }
    }

    [Fact]
    public async Task AConsistentLargerCheckpointIsCosignedAndTheCosignatureVerifies()
    {
        var seen = await SignedAsync(7);
        var decision = _witness.Evaluate(seen, (await SignedAsync(20)).ToString(), await ProofAsync(7, 20));

        Assert.Equal(WitnessVerdict.Cosigned, decision.Verdict);
        Assert.Equal(NoteVerification.Verified, SignedCheckpoint.Parse(decision.Cosigned!.ToString()).Verify(_cosigner.Verifier()));
        Assert.Equal(NoteVerification.Verified, decision.Cosigned.Verify(_log.Verifier()));
    }

    [Fact]
    public async Task TheFirstCheckpointIsCosignedWithoutAProof()
    {
        var decision = _witness.Evaluate(null, (await SignedAsync(5)).ToString(), []);
        Assert.Equal(WitnessVerdict.Cosigned, decision.Verdict);
    }

    [Fact]
    public async Task TheSameCheckpointAgainIsCosignedAgain()
    {
        var seen = await SignedAsync(9);
        Assert.Equal(WitnessVerdict.Cosigned, _witness.Evaluate(seen, seen.ToString(), []).Verdict);
    }

    [Fact]
    public async Task ACheckpointSignedByAnotherKeyIsABadSignature()
    {
        using var impostor = Keys.Log("impostor");
        var forged = SignedCheckpoint.Sign(new Checkpoint(Keys.Origin, 20, await new MerkleProver(_store).RootAsync(20)), impostor);

        var decision = _witness.Evaluate(await SignedAsync(7), forged.ToString(), await ProofAsync(7, 20));

        Assert.Equal(WitnessVerdict.BadSignature, decision.Verdict);
        Assert.Null(decision.Cosigned);
    }

    [Fact]
    public async Task ACheckpointWhoseBodyWasChangedAfterSigningIsABadSignature()
    {
        var text = (await SignedAsync(20)).ToString().Replace($"{Keys.Origin}\n20\n", $"{Keys.Origin}\n21\n", StringComparison.Ordinal);
        Assert.Equal(WitnessVerdict.BadSignature, _witness.Evaluate(null, text, []).Verdict);
    }

    [Fact]
    public async Task AnOlderCheckpointIsRejectedAsOlderSize()
    {
        var decision = _witness.Evaluate(await SignedAsync(12), (await SignedAsync(7)).ToString(), []);
        Assert.Equal(WitnessVerdict.OlderSize, decision.Verdict);
        Assert.Null(decision.Evidence);
    }

    [Fact]
    public async Task TwoSignedCheckpointsOfTheSameSizeWithDifferentRootsAreAForkAndBothAreKept()
    {
        var seen = await SignedAsync(12);
        var forked = SignedCheckpoint.Sign(new Checkpoint(Keys.Origin, 12, Rfc6962.HashLeaf("rewritten history"u8)), _log);

        var decision = _witness.Evaluate(seen, forked.ToString(), []);

        Assert.Equal(WitnessVerdict.Fork, decision.Verdict);
        Assert.Same(seen, decision.Evidence!.Seen);
        Assert.Equal(forked.ToString(), decision.Evidence.Presented.ToString());
        Assert.Equal(NoteVerification.Verified, decision.Evidence.Presented.Verify(_log.Verifier()));
        Assert.Null(decision.Cosigned);
    }

    [Fact]
    public async Task ALargerCheckpointThatRewroteHistoryFailsItsProofAndBothAreKept()
    {
        // A log that replaced entry 3 and grew to 20 cannot prove consistency with size 7.
        var rewritten = new InMemoryHashStore();
        for (var i = 0; i < 20; i++)
        {
            rewritten.Append([(byte)(i == 3 ? 99 : i)]);
        }
        var presented = SignedCheckpoint.Sign(new Checkpoint(Keys.Origin, 20, rewritten.Root()), _log);
        var proof = (await new MerkleProver(rewritten).ConsistencyProofAsync(7, 20)).Path;

        var decision = _witness.Evaluate(await SignedAsync(7), presented.ToString(), proof);

        Assert.Equal(WitnessVerdict.InconsistentProof, decision.Verdict);
        Assert.NotNull(decision.Evidence);
        Assert.Null(decision.Cosigned);
    }

    [Fact]
    public async Task AProofForOtherSizesIsAnInconsistentProof()
    {
        var decision = _witness.Evaluate(await SignedAsync(7), (await SignedAsync(20)).ToString(), await ProofAsync(8, 20));
        Assert.Equal(WitnessVerdict.InconsistentProof, decision.Verdict);
    }

    [Fact]
    public async Task ACheckpointOfAnotherLogIsRejected()
    {
        using var other = new Ed25519NoteSigner("liaison.example/other/audit", Keys.Seed("log"));
        var presented = SignedCheckpoint.Sign(new Checkpoint("liaison.example/other/audit", 20, _store.Root()), other);
        Assert.Equal(WitnessVerdict.UnknownOrigin, _witness.Evaluate(null, presented.ToString(), []).Verdict);
    }

    [Fact]
    public void AMalformedNoteIsRejectedWithTheParsersReason()
    {
        var decision = _witness.Evaluate(null, $"{Keys.Origin}\n20\nnot-base64\n\n— x AAAAAAA=\n", []);
        Assert.Equal(WitnessVerdict.Malformed, decision.Verdict);
        Assert.Contains("root", decision.Reason, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _log.Dispose();
        _cosigner.Dispose();
    }

    private async Task<SignedCheckpoint> SignedAsync(ulong size) =>
        SignedCheckpoint.Sign(new Checkpoint(Keys.Origin, size, await new MerkleProver(_store).RootAsync(size)), _log);

    private async Task<MerkleHash[]> ProofAsync(ulong from, ulong to) =>
        [.. (await new MerkleProver(_store).ConsistencyProofAsync(from, to)).Path];
}
