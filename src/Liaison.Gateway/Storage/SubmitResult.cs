namespace Liaison.Gateway.Storage;

/// <summary>The committed outcome of a submit.</summary>
/// <param name="Message">The message as committed: new, or the one the first request with this id created.</param>
/// <param name="IsReplay">True when the request id was seen before with the same digest; nothing new was sealed.</param>
public sealed record SubmitResult(MessageRecord Message, bool IsReplay);
