using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>AIP-158 page sizes: 0 means the default, more than the maximum means the maximum, negative is an error.</summary>
internal static class PageSizes
{
    public const int Default = 50;

    public static int Resolve(int requested) => requested switch
    {
        < 0 => throw InvalidRequestException.For("page_size", "A page size is 0 (for the default of 50) or more."),
        0 => Default,
        _ => Math.Min(requested, InboxQuery.MaxPageSize),
    };
}
