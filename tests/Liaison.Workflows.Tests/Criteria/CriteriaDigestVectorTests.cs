using Google.Protobuf;
using Liaison.Workflow.V1;
using Liaison.Workflows.Criteria;

namespace Liaison.Workflows.Tests.Criteria;

/// <summary>
/// A pinned vector for implementers in other languages: if the canonical
/// encoding ever drifts, signatures made by a partner stop verifying, so this
/// test must fail first.
/// </summary>
public class CriteriaDigestVectorTests
{
    private static CriteriaCatalogue Vector() => new()
    {
        Version = 1,
        EffectiveFrom = new CivilDate { Year = 2026, Month = 7, Day = 1 },
        Indicators =
        {
            new CriteriaIndicator { Code = "REC-01", TextVi = "Hứa hẹn việc làm", TextZh = "承诺工作", TextEn = "Promise of a job", Category = IndicatorCategory.Recruitment },
        },
    };

    [Fact]
    public void TheCanonicalBytesAndDigestOfTheVector()
    {
        // Encoded by hand (field keys, varints, UTF-8 strings), independently of Google.Protobuf.
        const string Canonical =
            "0801" + "1a07" + "08ea0f" + "1007" + "1801"
            + "2243" + "0a06" + "5245432d3031"
            + "1217" + "48e1bba9612068e1bab96e207669e1bb8763206cc3a06d"
            + "1a0c" + "e689bfe8afbae5b7a5e4bd9c"
            + "2210" + "50726f6d697365206f662061206a6f62"
            + "2801";

        Assert.Equal(Canonical, Convert.ToHexStringLower(CriteriaDigest.CanonicalBytes(Vector())));
        Assert.Equal("db1d5088ccea830c8f7ea0a99970b1bfe273a27e9eb21ada6ce43ad63484810e", Convert.ToHexStringLower(CriteriaDigest.Of(Vector())));
    }

    [Fact]
    public void UnknownFieldsInsideAnIndicatorAreDiscardedToo()
    {
        var vector = Vector();
        var indicatorWithUnknown = CriteriaIndicator.Parser.ParseFrom([.. vector.Indicators[0].ToByteArray(), 0x98, 0x06, 0x01]);
        var withUnknown = vector.Clone();
        withUnknown.Indicators[0] = indicatorWithUnknown;

        Assert.NotEqual(vector.ToByteArray(), withUnknown.ToByteArray());
        Assert.Equal(CriteriaDigest.Of(vector), CriteriaDigest.Of(withUnknown));
    }
}
