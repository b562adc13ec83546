namespace Liaison.Workflows.Calendar;

/// <summary>A country whose working-day calendar the liaison counts deadlines in. Written as ISO 3166 codes ("VN", "CN") in holiday files.</summary>
public enum Country
{
    /// <summary>Vietnam (the Lao Cai side).</summary>
    Vietnam = 1,

    /// <summary>China (the Yunnan side).</summary>
    China = 2,
}
