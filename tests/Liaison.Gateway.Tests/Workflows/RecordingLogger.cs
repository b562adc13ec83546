using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Tests.Workflows;

/// <summary>Keeps every log event with its structured values, to assert on event ids and on what they carry. Thread-safe.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(EventId Id, IReadOnlyDictionary<string, object?> Values, string Message)> events = new();

    public IReadOnlyList<(EventId Id, IReadOnlyDictionary<string, object?> Values, string Message)> Events => [.. events];

    /// <summary>The events with <paramref name="eventId"/>.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> With(int eventId) =>
        [.. events.Where(e => e.Id.Id == eventId).Select(e => e.Values)];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        events.Enqueue((eventId, values, formatter(state, exception)));
    }
}
