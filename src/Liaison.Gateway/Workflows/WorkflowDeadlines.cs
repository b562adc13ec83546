using Liaison.Crypto.Agreements;
using Liaison.Workflows.Calendar;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// The legal deadlines of a verification request, counted in working days of the country of
/// the side that must verify (the responder: local police at the person's claimed home).
/// Thread-safe.
/// </summary>
public sealed class WorkflowDeadlines(AgreementInForce agreement, DeadlinePolicy policy)
{
    private readonly HolidayData holidays = HolidayData.BuiltIn;

    public DeadlinePolicy Policy => policy;

    /// <summary>The deadlines of a request received at <paramref name="requestedAt"/> by <paramref name="responderNode"/>, or null when its country has no calendar here.</summary>
    public (LegalDeadlines Deadlines, TimeZoneInfo Zone)? For(string responderNode, DateTimeOffset requestedAt)
    {
        var country = agreement.FindParty(responderNode)?.Country switch
        {
            "VN" => Country.Vietnam,
            "CN" => Country.China,
            _ => (Country?)null,
        };
        if (country is not { } known)
        {
            return null;
        }

        var zone = LegalTimeZones.For(known);
        var received = OverdueRule.LocalDate(requestedAt, zone);
        try
        {
            return (LegalDeadlines.For(received, policy, holidays.CalendarFor(known)), zone);
        }
        catch (DateOutsideCalendarException)
        {
            // A year without holiday data: no deadline rather than a wrong one.
            return null;
        }
    }
}
