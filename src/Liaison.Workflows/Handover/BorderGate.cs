using Liaison.Workflows.Localization;

namespace Liaison.Workflows.Handover;

/// <summary>
/// A border gate where handovers may take place: its id as plans carry it (e.g.
/// "VN-LAOCAI/CN-HEKOU"), its name in Vietnamese, Chinese and English for the printable
/// record and the officers' tools, and the time zone its handover windows are read in.
/// </summary>
public sealed record BorderGate
{
    /// <summary>Creates a gate; every name is required and the code must be an id (A-Za-z0-9/._-).</summary>
    public BorderGate(string code, string nameVi, string nameZh, string nameEn, TimeZoneInfo timeZone)
    {
        if (!WorkflowIds.IsValid(code))
        {
            throw new ArgumentException("A border gate code must be 1-64 of A-Za-z0-9/._-, starting with a letter or digit.", nameof(code));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(nameVi);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameZh);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameEn);
        ArgumentNullException.ThrowIfNull(timeZone);
        Code = code;
        NameVi = nameVi;
        NameZh = nameZh;
        NameEn = nameEn;
        TimeZone = timeZone;
    }

    /// <summary>The id plans and records carry.</summary>
    public string Code { get; }

    /// <summary>The Vietnamese name, with diacritics.</summary>
    public string NameVi { get; }

    /// <summary>The Chinese name, simplified characters.</summary>
    public string NameZh { get; }

    /// <summary>The English name.</summary>
    public string NameEn { get; }

    /// <summary>Where the gate's clocks are: the handover window is shown, and the roll-call held, in this zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The name in <paramref name="language"/>.</summary>
    public string Name(Language language) => language switch
    {
        Language.Vi => NameVi,
        Language.Zh => NameZh,
        _ => NameEn,
    };
}
