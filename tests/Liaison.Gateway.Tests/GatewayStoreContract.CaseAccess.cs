using Liaison.Gateway.Security;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    private static readonly CaseKey AccessCase = new(TestParties.LaoCai, "LC-2026-0042");

    [Fact]
    public async Task The_first_unit_to_open_a_case_keeps_it_across_a_reopen()
    {
        var store = await OpenAsync();
        var now = Parties.Time.GetUtcNow();
        Assert.Null(await store.GetCaseOwnerAsync(AccessCase));
        Assert.True(await store.RecordCaseOwnerAsync(new CaseOwner(AccessCase, "bat-xat-police", "vn-laocai/officer-0042", now)));
        Assert.False(await store.RecordCaseOwnerAsync(new CaseOwner(AccessCase, "sa-pa-police", "vn-laocai/officer-0077", now.AddMinutes(1))));
        Assert.Null(await store.GetCaseOwnerAsync(AccessCase with { Node = TestParties.Yunnan }));

        await store.DisposeAsync();
        var reopened = await OpenAsync();
        Assert.Equal(new CaseOwner(AccessCase, "bat-xat-police", "vn-laocai/officer-0042", DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds())),
            await reopened.GetCaseOwnerAsync(AccessCase));
    }

    [Fact]
    public async Task Grants_and_audit_openings_are_stored_listed_per_case_and_revoked_once()
    {
        var store = await OpenAsync();
        var now = DateTimeOffset.FromUnixTimeMilliseconds(Parties.Time.GetUtcNow().ToUnixTimeMilliseconds());
        var grant = await store.AddCaseAccessAsync(new CaseAccessEntry(0, AccessCase, CaseAccessKind.Grant, "vn-laocai/officer-0077", "", "instruction 7/2026", "vn-laocai/supervisor-01", now, null, null, null));
        var opening = await store.AddCaseAccessAsync(new CaseAccessEntry(0, AccessCase, CaseAccessKind.AuditOpening, "", "", "annual review", "vn-laocai/admin-01", now, now.AddDays(2), null, null));
        await store.AddCaseAccessAsync(new CaseAccessEntry(0, AccessCase with { Reference = "LC-2026-0043" }, CaseAccessKind.Grant, "", "sa-pa-police", "other case", "vn-laocai/supervisor-01", now, null, null, null));

        Assert.True(grant.Id > 0);
        Assert.True(opening.Id > grant.Id);
        Assert.Equal([grant, opening], await store.ListCaseAccessAsync(AccessCase));

        var revoked = await store.RevokeCaseAccessAsync(grant.Id, "vn-laocai/supervisor-02", now.AddHours(1));
        Assert.Equal(grant with { RevokedAt = now.AddHours(1), RevokedBy = "vn-laocai/supervisor-02" }, revoked);
        // A second revocation changes nothing: the first one's time and author stay.
        Assert.Equal(revoked, await store.RevokeCaseAccessAsync(grant.Id, "vn-laocai/supervisor-03", now.AddHours(2)));
        Assert.Equal(revoked, await store.GetCaseAccessAsync(grant.Id));
        Assert.Null(await store.RevokeCaseAccessAsync(999_999, "vn-laocai/supervisor-02", now));
        Assert.Null(await store.GetCaseAccessAsync(999_999));
    }

    [Fact]
    public async Task An_audit_opening_without_an_expiry_or_a_grant_to_nobody_is_refused()
    {
        var store = await OpenAsync();
        var now = Parties.Time.GetUtcNow();
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddCaseAccessAsync(new CaseAccessEntry(0, AccessCase, CaseAccessKind.AuditOpening, "", "", "r", "s", now, null, null, null)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddCaseAccessAsync(new CaseAccessEntry(0, AccessCase, CaseAccessKind.Grant, "", "", "r", "s", now, null, null, null)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddCaseAccessAsync(new CaseAccessEntry(0, AccessCase, CaseAccessKind.Grant, "a", "u", "r", "s", now, null, null, null)));
        Assert.Empty(await store.ListCaseAccessAsync(AccessCase));
    }
}
