using Google.Rpc;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>
/// A request broke the API's rules before anything was touched (INVALID_ARGUMENT). Each
/// violation names a field and says what it must be; none repeats the value sent,
/// which may hold personal data.
/// </summary>
internal sealed class InvalidRequestException : Exception
{
    public InvalidRequestException(IReadOnlyList<BadRequest.Types.FieldViolation> violations)
        : base("The request is not valid: " + string.Join(" ", violations.Select(v => $"{v.Field}: {v.Description}")))
        => Violations = violations;

    public InvalidRequestException()
        : this([])
    {
    }

    public InvalidRequestException(string message)
        : base(message) => Violations = [];

    public InvalidRequestException(string message, Exception innerException)
        : base(message, innerException) => Violations = [];

    public IReadOnlyList<BadRequest.Types.FieldViolation> Violations { get; }

    public static InvalidRequestException For(string field, string description) =>
        new([new BadRequest.Types.FieldViolation { Field = field, Description = description }]);
}
