using System.Collections.Concurrent;
using System.Globalization;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Statements over a set of keys (<c>WHERE x IN (@k0, @k1, ...)</c>), cut into chunks that
/// fit every database's parameter limit. Each text is built once per statement and chunk
/// size, so the writer's <see cref="StatementCache"/> finds it prepared the next time.
/// </summary>
internal static class InList
{
    // SQLite binds by name with a linear search, so a statement of n keys costs n^2 comparisons.
    public const int MaxKeys = 64;

    private static readonly ConcurrentDictionary<(string Template, int Count), string> Texts = new();

    /// <summary>Runs <paramref name="run"/> once per chunk of <paramref name="keys"/>, with the chunk's SQL (the template's <c>{keys}</c> filled in) and key parameters.</summary>
    public static async Task ForEachChunkAsync<TKey>(IReadOnlyList<TKey> keys, string template, Func<TKey, object?> toDb, Func<string, (string Name, object? Value)[], Task> run)
    {
        for (var offset = 0; offset < keys.Count; offset += MaxKeys)
        {
            var count = Math.Min(MaxKeys, keys.Count - offset);
            var parameters = new (string, object?)[count];
            for (var i = 0; i < count; i++)
            {
                parameters[i] = (Name(i), toDb(keys[offset + i]));
            }

            await run(Texts.GetOrAdd((template, count), static key => key.Template.Replace("{keys}", string.Join(", ", Enumerable.Range(0, key.Count).Select(i => "@" + Name(i))), StringComparison.Ordinal)), parameters);
        }
    }

    private static string Name(int index) => string.Create(CultureInfo.InvariantCulture, $"k{index}");
}
