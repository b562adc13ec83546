using System.Collections.Immutable;

namespace Liaison.Workflows.Criteria;

/// <summary>
/// The agreed criteria versions and which one is in force when. A version is
/// in force only once both sides signed the same digest (its negotiation is
/// <see cref="CriteriaStatus.Agreed"/>) and from the start of its effective
/// date on; when several are, the highest version number wins. Immutable:
/// <see cref="With"/> returns a new registry. Thread-safe.
/// </summary>
public sealed class CriteriaRegistry
{
    /// <summary>
    /// The default border offset, UTC+07:00 (Vietnam). An effective date starts
    /// at 00:00 of the western side: at that instant the date has begun in
    /// Lao Cai (UTC+7) and in Yunnan (UTC+8) alike, so neither side applies a
    /// version on the day before its effective date.
    /// </summary>
    public static readonly TimeSpan DefaultDayStartOffset = TimeSpan.FromHours(7);

    private readonly ImmutableSortedDictionary<uint, CriteriaState> versions;

    private CriteriaRegistry(ImmutableSortedDictionary<uint, CriteriaState> versions, TimeSpan dayStartOffset)
    {
        this.versions = versions;
        DayStartOffset = dayStartOffset;
    }

    /// <summary>A registry with no agreed version, whose effective dates start at <paramref name="dayStartOffset"/> (default UTC+7).</summary>
    public static CriteriaRegistry Empty(TimeSpan? dayStartOffset = null) =>
        new(ImmutableSortedDictionary<uint, CriteriaState>.Empty, dayStartOffset ?? DefaultDayStartOffset);

    /// <summary>The UTC offset at whose midnight an effective date starts.</summary>
    public TimeSpan DayStartOffset { get; }

    /// <summary>The agreed versions, by number.</summary>
    public IEnumerable<CriteriaState> Versions => versions.Values;

    /// <summary>
    /// Adds an agreed version. Refuses a negotiation that is not agreed, a
    /// second, different catalogue under the same number, and a version whose
    /// previous-version digest does not match the registered previous version.
    /// </summary>
    public CriteriaRegistry With(CriteriaState agreed)
    {
        ArgumentNullException.ThrowIfNull(agreed);
        if (agreed.Status != CriteriaStatus.Agreed || agreed.EndorserSignature is null || agreed.AgreedAt is null)
        {
            throw new ArgumentException($"Criteria {agreed.Version} is {agreed.Status}; only a version both sides signed can be registered.", nameof(agreed));
        }
        var number = agreed.Version.Version;
        if (versions.TryGetValue(number, out var existing))
        {
            return existing.Version == agreed.Version
                ? this
                : throw new ArgumentException($"Criteria version {number} is already registered with another digest.", nameof(agreed));
        }
        if (versions.TryGetValue(number - 1, out var previous)
            && Convert.ToHexStringLower(agreed.Catalogue.PreviousVersionDigest.Span) != previous.Version.DigestHex)
        {
            throw new ArgumentException($"Criteria {agreed.Version} does not name version {number - 1}'s digest as its previous version.", nameof(agreed));
        }
        return new CriteriaRegistry(versions.Add(number, agreed), DayStartOffset);
    }

    /// <summary>When <paramref name="agreed"/> comes into force: its effective date's start, or its agreement if later.</summary>
    public DateTimeOffset InForceFrom(CriteriaState agreed)
    {
        ArgumentNullException.ThrowIfNull(agreed);
        var dayStart = new DateTimeOffset(agreed.EffectiveFrom.ToDateTime(TimeOnly.MinValue), DayStartOffset);
        return agreed.AgreedAt is { } signed && signed > dayStart ? signed : dayStart;
    }

    /// <summary>The version in force at <paramref name="at"/>, or null when none is.</summary>
    public CriteriaState? InForceAt(DateTimeOffset at) =>
        versions.Values.Reverse().FirstOrDefault(v => InForceFrom(v) <= at);

    /// <summary>True when version <paramref name="version"/> is the version in force at <paramref name="at"/>.</summary>
    public bool IsInForce(uint version, DateTimeOffset at) => InForceAt(at)?.Version.Version == version;

    /// <summary>True when the cited version (number and digest) is the version in force at <paramref name="at"/>.</summary>
    public bool IsInForce(CriteriaVersionId cited, DateTimeOffset at) => cited is not null && InForceAt(at)?.Version == cited;
}
