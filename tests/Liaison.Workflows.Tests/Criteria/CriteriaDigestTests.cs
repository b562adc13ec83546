using System.Security.Cryptography;
using Google.Protobuf;
using Liaison.Workflow.V1;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Tests.Support;

namespace Liaison.Workflows.Tests.Criteria;

public class CriteriaDigestTests
{
    [Fact]
    public void TheDigestIsSha256OfTheProtobufEncoding()
    {
        var catalogue = CriteriaEvents.Catalogue();

        Assert.Equal(SHA256.HashData(catalogue.ToByteArray()), CriteriaDigest.Of(catalogue));
    }

    [Fact]
    public void UnknownFieldsAreNotPartOfTheCanonicalBytes()
    {
        var catalogue = CriteriaEvents.Catalogue();
        // Field 99, varint 1: what a newer partner version might add.
        var withUnknown = CriteriaCatalogue.Parser.ParseFrom([.. catalogue.ToByteArray(), 0x98, 0x06, 0x01]);

        Assert.NotEqual(catalogue.ToByteArray(), withUnknown.ToByteArray());
        Assert.Equal(CriteriaDigest.CanonicalBytes(catalogue), CriteriaDigest.CanonicalBytes(withUnknown));
    }

    [Fact]
    public void ChangingOneCharacterOfAnyTextChangesTheDigest()
    {
        var catalogue = CriteriaEvents.Catalogue();
        var changed = catalogue.Clone();
        changed.Indicators[1].TextZh = "身份证件被扣留";

        Assert.NotEqual(CriteriaDigest.Of(catalogue), CriteriaDigest.Of(changed));
    }

    [Fact]
    public void TheSigningBytesAreTheLabelAZeroByteAndTheDigest()
    {
        var digest = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

        var bytes = WorkflowSigning.CriteriaCatalogueBytes(digest);

        Assert.Equal("6c696169736f6e2e776f726b666c6f772e76312e63726974657269612d636174616c6f67756500" + Convert.ToHexStringLower(digest), Convert.ToHexStringLower(bytes));
        Assert.NotEqual(bytes, WorkflowSigning.HandoverRecordBytes(digest));
    }

    [Fact]
    public void SigningBytesRefuseADigestOfTheWrongLength()
    {
        Assert.Throws<ArgumentException>(() => WorkflowSigning.HandoverRecordBytes(new byte[31]));
    }

    [Fact]
    public void AVersionIdRoundTripsThroughItsWireReference()
    {
        var id = new CriteriaVersionId(3, Convert.ToHexStringLower(new byte[32]));

        Assert.Equal(id, CriteriaVersionId.From(id.ToReference()));
        Assert.Null(CriteriaVersionId.From(new CriteriaReference { Version = 3, Digest = ByteString.CopyFrom(new byte[5]) }));
    }
}
