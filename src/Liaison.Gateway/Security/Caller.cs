using System.Security.Claims;
using Grpc.Core;

namespace Liaison.Gateway.Security;

/// <summary>
/// The authenticated caller of an RPC: who (a staff or system id, never a name), in what role,
/// for which unit of this side (e.g. "bat-xat-police"). Built from the client certificate by
/// the authentication handler, carried as claims, read back here.
/// </summary>
/// <param name="SubjectId">The certificate's subject id, e.g. "vn-laocai/officer-0042": what audit entries name as the actor.</param>
/// <param name="Unit">The caller's unit; empty for roles that belong to none (auditor, administrator).</param>
public sealed record Caller(string SubjectId, CallerRole Role, string Unit)
{
    /// <summary>The claim type of <see cref="Unit"/>.</summary>
    public const string UnitClaim = "liaison:unit";

    /// <summary>The authentication type of principals made by <see cref="ToPrincipal"/>.</summary>
    public const string AuthenticationType = "liaison-client-certificate";

    /// <summary>The caller as claims: NameIdentifier, Role (<see cref="CallerRoles"/> name) and <see cref="UnitClaim"/>.</summary>
    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, SubjectId),
            new Claim(ClaimTypes.Role, CallerRoles.Name(Role)),
            new Claim(UnitClaim, Unit),
        ],
        AuthenticationType,
        ClaimTypes.NameIdentifier,
        ClaimTypes.Role));

    /// <summary>The caller a principal made by <see cref="ToPrincipal"/> stands for, or null when it is not one (anonymous).</summary>
    public static Caller? From(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var subject = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(subject) || !CallerRoles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }

        return new Caller(subject, role, user.FindFirstValue(UnitClaim) ?? "");
    }

    /// <summary>
    /// The caller of the current RPC. Authorisation runs before any service method, so a
    /// method that is reached has one; its absence is a wiring fault, not the caller's.
    /// </summary>
    public static Caller Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return From(context.GetHttpContext().User)
            ?? throw new InvalidOperationException("An RPC reached its method without an authenticated caller: authorisation is not wired.");
    }
}
